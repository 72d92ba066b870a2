import { Role } from '../entities/enums.js';
import type { Access } from '../auth/access-matrix.js';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Who works with surveys. The ЦУР's staff and the sector blocks run them
 * (decree clause 8: sociology is the center's function); the curator, the
 * head, analysts and ministry observers read results. Organizations'
 * operators have no part in polls. Residents answer through links (PUBLIC,
 * the token is the permission).
 */
export const SURVEY_MANAGERS: readonly Role[] = [Role.CENTER_SPECIALIST, Role.CENTER_HEAD, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST];
export const SURVEY_READERS: readonly Role[] = [
  Role.CURATOR,
  Role.CENTER_HEAD,
  Role.CENTER_SPECIALIST,
  Role.ADMIN,
  Role.SECTOR_LEAD,
  Role.SECTOR_SPECIALIST,
  Role.ANALYST,
  Role.MINISTRY_OBSERVER,
];

export const surveysAccess: Record<string, Access> = {
  'Query.surveys': SURVEY_READERS,
  'Query.survey': SURVEY_READERS,
  'Subscription.surveyResults': SURVEY_READERS,
  'Mutation.createSurvey': SURVEY_MANAGERS,
  'Mutation.updateSurvey': SURVEY_MANAGERS,
  'Mutation.copySurvey': SURVEY_MANAGERS,
  'Mutation.openSurvey': SURVEY_MANAGERS,
  'Mutation.closeSurvey': SURVEY_MANAGERS,
  'Mutation.issueSurveyLinks': SURVEY_MANAGERS,
  'Mutation.sendSurveyInvitations': SURVEY_MANAGERS,
  // Sector question templates (plugins' surveyTemplates): those who run surveys use them.
  'Query.surveyTemplates': SURVEY_MANAGERS,
  'Mutation.createSurveyFromTemplate': SURVEY_MANAGERS,
  // Paper and phone polls are keyed in by staff; a channel's service account brings ПОС exports.
  'Mutation.importSurveyResponses': [...SURVEY_MANAGERS, Role.INTEGRATION],
  // The progress of a file upload (POST /surveys/{id}/responses): who may upload; a service account its own jobs.
  'Query.surveyImportJob': [...SURVEY_MANAGERS, Role.INTEGRATION],
  // Consent to be asked, recorded with the appeal: staff who work with it (PII roles) and the integration that registered it.
  'Mutation.setSurveyConsent': [...SURVEY_MANAGERS, Role.INTEGRATION],
  // A resident with a one-use link: no account, rate-limited per address like rateAppealByLink.
  'Mutation.submitSurveyResponse': 'PUBLIC',
};

/** Roles bound to their sectors: a survey is theirs when its audience names sectors, all of them theirs. */
const SECTOR_BOUND: ReadonlySet<Role> = new Set([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER]);

/** The sectors that bound the caller's surveys; null: every survey. */
export function sectorBound(user: AuthUser): readonly string[] | null {
  return SECTOR_BOUND.has(user.role) ? user.sectors : null;
}

/** Whether the caller may see (and, with a manager's role, run) a survey of this audience. */
export function surveyInScope(user: AuthUser, audienceSectors: readonly string[]): boolean {
  const bound = sectorBound(user);
  if (!bound) return true;
  return audienceSectors.length > 0 && audienceSectors.every((sector) => bound.includes(sector));
}

/** The same rule as SQL on the survey row `alias`, with the sectors as parameter `$n`; null when unbounded. */
export function surveyScopeSql(user: AuthUser, alias: string, parameter: number): { sql: string; value: string[] } | null {
  const bound = sectorBound(user);
  if (!bound) return null;
  return { sql: `cardinality(${alias}.audience_sectors) > 0 and ${alias}.audience_sectors <@ $${parameter}::text[]`, value: [...bound] };
}
