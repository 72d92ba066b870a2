import { Role } from '../entities/enums.js';

/**
 * Who may call which operation: one table, read by the access guard for every
 * root field of Query, Mutation and Subscription. An operation without a row
 * is refused (fail closed); `test/access-matrix.test.ts` walks this table
 * against the running schema, and `npm run access:print` writes it into the
 * page docs/access.md. What a role then sees inside an operation is narrowed by
 * `applyAppealScope` (appeals) and `personal-data.ts` (authors).
 */
export type Access = 'PUBLIC' | readonly Role[];

export const ALL_ROLES: readonly Role[] = Object.values(Role);
/** Everyone who works with appeals (all but integrations). */
export const READERS: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.INTEGRATION);
export const CENTER: readonly Role[] = [Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN];
/** The ЦУР's staff who process appeals (the sector blocks' staff within their sectors). */
export const PROCESSORS: readonly Role[] = [Role.CENTER_SPECIALIST, Role.CENTER_HEAD, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST];
/** Account administration. */
export const ADMINS: readonly Role[] = [Role.ADMIN];
/** Oversight of accounts and of access to personal data: the administrator and the head of the ЦУР. */
export const OVERSIGHT: readonly Role[] = [Role.ADMIN, Role.CENTER_HEAD];

export const coreAccess: Record<string, Access> = {
  'Mutation.login': 'PUBLIC',
  'Mutation.changePassword': ALL_ROLES,
  'Query.me': ALL_ROLES,
  'Query.users': OVERSIGHT,
  'Mutation.createUser': ADMINS,
  'Mutation.updateUser': ADMINS,
  'Mutation.deactivateUser': ADMINS,
  'Query.apiKeys': ADMINS,
  'Mutation.createApiKey': ADMINS,
  'Mutation.revokeApiKey': ADMINS,
  'Query.personalDataAccessLog': OVERSIGHT,
  'Query.appeals': READERS,
  'Query.appeal': READERS,
  'Query.appealByNumber': READERS,
  'Query.organizations': ALL_ROLES,
  'Query.organization': ALL_ROLES,
  'Query.municipalities': ALL_ROLES,
  'Query.sectors': ALL_ROLES,
  'Query.categories': ALL_ROLES,
  // The appeal lifecycle: the guard lets these roles call; the status machine
  // (core/lifecycle/status-machine.ts) decides per status, the appeal scope per appeal.
  'Mutation.registerAppeal': [Role.INTEGRATION, ...PROCESSORS],
  'Mutation.importAppeals': [Role.INTEGRATION, Role.CENTER_SPECIALIST, Role.CENTER_HEAD, Role.ADMIN],
  'Mutation.registerReceived': PROCESSORS,
  'Mutation.assignAppeal': [...PROCESSORS, Role.ORG_OPERATOR],
  'Mutation.redirectAppeal': [...PROCESSORS, Role.ORG_OPERATOR],
  'Mutation.extendDeadline': [...PROCESSORS, Role.ORG_OPERATOR],
  'Mutation.startWork': [Role.ORG_OPERATOR],
  'Mutation.pauseAppeal': [...PROCESSORS, Role.ORG_OPERATOR],
  'Mutation.resumeAppeal': [...PROCESSORS, Role.ORG_OPERATOR],
  'Mutation.answerAppeal': [Role.ORG_OPERATOR],
  'Mutation.reviewAnswer': PROCESSORS,
  'Mutation.rateAppeal': PROCESSORS,
  'Mutation.rejectAppeal': PROCESSORS,
  'Mutation.reopenAppeal': PROCESSORS,
  'Mutation.closeAppeal': PROCESSORS,
  'Mutation.structureAppeal': PROCESSORS,
  'Mutation.issueSatisfactionLink': PROCESSORS,
  // The author rates through a signed link: the token is the permission.
  'Mutation.rateAppealByLink': 'PUBLIC',
  'Mutation.loadProductionCalendar': [Role.ADMIN],
  // Live updates: everyone who works with appeals, each event within the caller's scope.
  'Subscription.appealEvents': READERS,
  'Subscription.deadlineAlerts': READERS,
  // Analytics (core/analytics): every reader, scoped to the appeals the role may see.
  'Query.stats': READERS,
  'Query.ratings': READERS,
  'Query.workload': READERS,
  'Query.conflicts': READERS,
  'Query.problems': READERS,
  'Query.monthlyReport': READERS,
  // A signed, short-lived link to a report file: whoever may read the report (the file is scoped to them).
  'Mutation.reportDownloadLink': READERS,
  'Mutation.detectProblems': CENTER,
  'Mutation.createProblem': CENTER,
  'Mutation.updateProblem': CENTER,
  // Channels (issue #8): the registry of official pages is kept by the ЦУР (decree clause 8).
  'Query.officialPages': READERS,
  'Query.officialPage': READERS,
  'Mutation.createOfficialPage': CENTER,
  'Mutation.updateOfficialPage': CENTER,
  'Mutation.deleteOfficialPage': CENTER,
  'Query.importJob': [...CENTER, Role.INTEGRATION],
  'Query.channelRecords': CENTER,
  'Mutation.retryChannelRecords': CENTER,
  'Mutation.registerLetter': [Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN],
};
