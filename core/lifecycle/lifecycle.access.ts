import { Role } from '../entities/enums.js';
import { type Access, PROCESSORS } from '../auth/access-matrix.js';

/** The appeal lifecycle (rows of the one access matrix, core/auth/access-matrix.ts). */
export const lifecycleAccess: Readonly<Record<string, Access>> = {
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
};
