import { deadlineState } from '../deadlines/deadline-engine.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { AppealStatus, DeadlineState } from '../entities/enums.js';
import type { Deadline } from './appeal-types.js';
import { roundHours } from '../text/plural.js';

const HOUR_MS = 3_600_000;

/** The moment the body's duty ended: the answer, or a rejection that closed the appeal. */
export function dutyEndedAt(appeal: Appeal): Date | null {
  if (appeal.answeredAt) return appeal.answeredAt;
  return appeal.status === AppealStatus.REJECTED ? (appeal.closedAt ?? null) : null;
}

/** DEADLINE_POLICY's default: AT_RISK with less than 20% of the allowed time left. */
export const DEFAULT_AT_RISK_SHARE = 0.2;

/** The appeal's deadline as clients see it: state, time left, and the rules behind it. */
export function appealDeadline(appeal: Appeal, now: Date, atRiskShare = DEFAULT_AT_RISK_SHARE): Deadline {
  let state = DeadlineState.ON_TIME;
  let remainingHours: number | null = null;
  if (appeal.dueAt && appeal.deadlineStartsAt) {
    const totalMs = appeal.dueAt.getTime() - appeal.deadlineStartsAt.getTime() - Number(appeal.pausedMs);
    const result = deadlineState({
      dueAt: appeal.dueAt,
      totalMs: Math.max(totalMs, 0),
      now,
      answeredAt: dutyEndedAt(appeal),
      pausedSince: appeal.pausedAt ?? null,
      atRiskShare,
    });
    state = DeadlineState[result.state];
    // Rounded to a tenth of an hour (6 minutes): a figure for people, not −9027.062377….
    remainingHours = result.remainingMs == null ? null : roundHours(result.remainingMs / HOUR_MS);
  }
  // One object per appeal (a page makes fifty); the rules are listed only if a client reads them.
  return {
    state,
    remainingHours,
    dueAt: appeal.dueAt ?? null,
    extended: appeal.extensionDays > 0,
    paused: Boolean(appeal.pausedAt),
    pausedHours: roundHours(Number(appeal.pausedMs) / HOUR_MS),
    rule: appeal.deadlineRule ?? null,
    get rules() {
      return (appeal.deadlineRules ?? []).map((rule) => ({
        code: rule.code,
        description: rule.description,
        dueAt: new Date(rule.dueAt),
        deciding: rule.code === appeal.deadlineRule,
      }));
    },
  };
}
