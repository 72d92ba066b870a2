import { DeadlineInputError } from './deadline-errors.js';

/** The DeadlineState enum of API.md. */
export type DeadlineStateName = 'ON_TIME' | 'AT_RISK' | 'OVERDUE' | 'MET' | 'MISSED';

export interface DeadlineStateInput {
  dueAt: Date;
  /** The allowed time (`computeDeadline().totalMs`), pauses excluded. */
  totalMs: number;
  now: Date;
  answeredAt?: Date | null;
  /**
   * Start of a pause still going on (waiting for the author's clarification).
   * Completed pauses are already in `dueAt` (`pausedMs`); this one is not yet,
   * so the remaining time is frozen at this moment.
   */
  pausedSince?: Date | null;
  /** [param] AT_RISK when less than this share of `totalMs` is left; default 0.2. */
  atRiskShare?: number;
}

export interface DeadlineStateResult {
  state: DeadlineStateName;
  /** Time left (negative when overdue); null once answered. */
  remainingMs: number | null;
}

export function deadlineState(input: DeadlineStateInput): DeadlineStateResult {
  const { dueAt, totalMs, now, answeredAt = null, pausedSince = null, atRiskShare = 0.2 } = input;
  if (!(atRiskShare >= 0 && atRiskShare <= 1)) throw new DeadlineInputError('atRiskShare', 'must be within 0..1');
  if (!(totalMs >= 0)) throw new DeadlineInputError('totalMs', 'must be a non-negative number');
  const reference = (answeredAt ?? now).getTime();
  // The clock stopped when the pause began: everything after it does not count.
  const clock = pausedSince && pausedSince.getTime() < reference ? pausedSince.getTime() : reference;
  const remaining = dueAt.getTime() - clock;
  if (answeredAt) return { state: remaining >= 0 ? 'MET' : 'MISSED', remainingMs: null };
  if (remaining < 0) return { state: 'OVERDUE', remainingMs: remaining };
  // "Less than 20% left": exactly 20% is still on time.
  if (remaining < atRiskShare * totalMs) return { state: 'AT_RISK', remainingMs: remaining };
  return { state: 'ON_TIME', remainingMs: remaining };
}
