import { DeadlineState } from '../entities/enums.js';
import { raw, sql, type Sql } from '../db/sql.js';

/**
 * The deadline state of `appeal as a` at a moment, in SQL: the same rule as
 * `appealDeadline` (core/appeals/appeal-deadline.ts → core/deadlines/deadline-state.ts),
 * so that a filter by state finds exactly the appeals whose `deadline.state`
 * the API shows at the request's clock moment.
 *
 * - no due date (or no start): ON_TIME;
 * - the duty ended (answer accepted, or rejected and closed): MET when by the
 *   due instant, else MISSED (a pause still going on stops the clock);
 * - otherwise the clock is the moment, or the start of a pause going on:
 *   OVERDUE after the due instant (not at it), AT_RISK when less than the
 *   share of the allowed time (due − start − paused) is left, else ON_TIME.
 */
const ENDED = raw(`coalesce(a.answered_at, case when a.status = 'REJECTED' then a.closed_at end)`);
const clockAt = (reference: Sql) => sql`least(coalesce(a.paused_at, 'infinity'::timestamptz), ${reference})`;
const state = (value: DeadlineState) => raw(`'${value}'`);

/** The deadline state of `appeal as a` at `now`, as text. */
export function deadlineStateSql(now: Date, atRiskShare: number): Sql {
  const clock = clockAt(sql`${now}::timestamptz`);
  return sql`(case
  when a.due_at is null or a.deadline_starts_at is null then ${state(DeadlineState.ON_TIME)}
  when ${ENDED} is not null then case when a.due_at >= ${clockAt(ENDED)} then ${state(DeadlineState.MET)} else ${state(DeadlineState.MISSED)} end
  when a.due_at < ${clock} then ${state(DeadlineState.OVERDUE)}
  when a.due_at - ${clock}
    < greatest(a.due_at - a.deadline_starts_at - a.paused_ms * interval '1 millisecond', interval '0') * ${atRiskShare}::float8
    then ${state(DeadlineState.AT_RISK)}
  else ${state(DeadlineState.ON_TIME)}
end)`;
}

/** The condition "the state of `appeal as a` is one of these". */
export function deadlineStateCondition(states: readonly DeadlineState[], now: Date, atRiskShare: number): Sql {
  return sql`${deadlineStateSql(now, atRiskShare)} = any(${[...states]}::text[])`;
}
