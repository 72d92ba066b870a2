import { DeadlineState } from '../entities/enums.js';

/** Audit-trail entries the deadline watcher writes. */
export const DEADLINE_AT_RISK = 'DEADLINE_AT_RISK';
export const DEADLINE_OVERDUE = 'DEADLINE_OVERDUE';
/** A reminder to the responsible body's operators, written with each alert. */
export const DEADLINE_REMINDER = 'DEADLINE_REMINDER';

/** The states the watcher alerts on, and the entry each one writes. */
export const ALERT_TYPE_BY_STATE = {
  [DeadlineState.AT_RISK]: DEADLINE_AT_RISK,
  [DeadlineState.OVERDUE]: DEADLINE_OVERDUE,
} as const;

export type AlertState = keyof typeof ALERT_TYPE_BY_STATE;

export const ALERT_TYPES: ReadonlySet<string> = new Set(Object.values(ALERT_TYPE_BY_STATE));

/** What an alert entry keeps in `AppealEvent.data`. */
export interface DeadlineAlertData {
  state: AlertState;
  dueAt: string;
  remainingHours: number;
}
