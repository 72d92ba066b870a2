import { DeadlineState } from '../entities/enums.js';
import { textArray } from '../db/sql-array.js';

/**
 * The deadline state of `appeal as a` at a moment, in SQL: the same rule as
 * `appealDeadline` (core/appeals/appeal-deadline.ts → core/deadlines/deadline-state.ts),
 * so that a filter by state finds exactly the appeals whose `deadline.state`
 * the API shows at the request's clock moment. Placeholders (`?`): the moment
 * three times, then the AT_RISK share.
 *
 * - no due date (or no start): ON_TIME;
 * - the duty ended (answer accepted, or rejected and closed): MET when by the
 *   due instant, else MISSED (a pause still going on stops the clock);
 * - otherwise the clock is the moment, or the start of a pause going on:
 *   OVERDUE after the due instant (not at it), AT_RISK when less than the
 *   share of the allowed time (due − start − paused) is left, else ON_TIME.
 */
const ENDED = `coalesce(a.answered_at, case when a.status = 'REJECTED' then a.closed_at end)`;
const clockAt = (reference: string) => `least(coalesce(a.paused_at, 'infinity'::timestamptz), ${reference})`;

export const DEADLINE_STATE_SQL = `(case
  when a.due_at is null or a.deadline_starts_at is null then '${DeadlineState.ON_TIME}'
  when ${ENDED} is not null then case when a.due_at >= ${clockAt(ENDED)} then '${DeadlineState.MET}' else '${DeadlineState.MISSED}' end
  when a.due_at < ${clockAt('?::timestamptz')} then '${DeadlineState.OVERDUE}'
  when a.due_at - ${clockAt('?::timestamptz')}
    < greatest(a.due_at - a.deadline_starts_at - a.paused_ms * interval '1 millisecond', interval '0') * ?::float8
    then '${DeadlineState.AT_RISK}'
  else '${DeadlineState.ON_TIME}'
end)`;

/** The condition "state is one of these" and its values, for `whereRaw`. */
export function deadlineStateCondition(states: readonly DeadlineState[], now: Date, atRiskShare: number): { sql: string; values: unknown[] } {
  return { sql: `${DEADLINE_STATE_SQL} = any(?::text[])`, values: [now, now, atRiskShare, textArray(states)] };
}
