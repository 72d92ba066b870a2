import { type Access, READERS } from '../auth/access-matrix.js';

/** Live updates (rows of the one access matrix, core/auth/access-matrix.ts). */
export const liveAccess: Readonly<Record<string, Access>> = {
  // Live updates: everyone who works with appeals, each event within the caller's scope.
  'Subscription.appealEvents': READERS,
  'Subscription.deadlineAlerts': READERS,
};
