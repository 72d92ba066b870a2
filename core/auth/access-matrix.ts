import { Role } from '../entities/enums.js';

/**
 * Who may call which operation: one table, read by the access guard for every
 * root field of Query, Mutation and Subscription. An operation without a row
 * is refused (fail closed), and a test walks this table against the schema.
 */
export type Access = 'PUBLIC' | readonly Role[];

export const ALL_ROLES: readonly Role[] = Object.values(Role);
/** Everyone who works with appeals (all but integrations). */
export const READERS: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.INTEGRATION);
export const CENTER: readonly Role[] = [Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN];

export const coreAccess: Record<string, Access> = {
  'Mutation.login': 'PUBLIC',
  'Query.me': ALL_ROLES,
  'Query.appeals': READERS,
  'Query.appeal': READERS,
  'Query.organizations': ALL_ROLES,
  'Query.organization': ALL_ROLES,
  'Query.municipalities': ALL_ROLES,
  'Query.sectors': ALL_ROLES,
  'Query.categories': ALL_ROLES,
  // Analytics (core/analytics): every reader, scoped to the appeals the role may see.
  'Query.stats': READERS,
  'Query.ratings': READERS,
  'Query.workload': READERS,
  'Query.conflicts': READERS,
  'Query.problems': READERS,
  'Query.monthlyReport': READERS,
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
