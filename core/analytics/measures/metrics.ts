import { OPEN_STATUSES } from '../../entities/enums.js';
import { REDIRECTED_APPEAL_IDS_SQL, RETURNED_APPEAL_IDS_SQL } from './appeal-signals.sql.js';

/**
 * The metrics of `stats` (API.md), as SQL aggregates over `appeal as a`.
 * Definitions (the same in every place that reports them: stats, ratings,
 * the monthly report, and the tests' independent recomputation):
 * - count: appeals received in the period;
 * - open: in a status where the body still owes an answer (OPEN_STATUSES);
 * - overdue: open, not answered, past due and not paused (the deadline state OVERDUE);
 * - answered: with an answer (answered_at set);
 * - answeredOnTime: answered no later than due (the deadline state MET);
 * - onTimeRate: answeredOnTime / answered;
 * - response time: answered_at − received_at, less the time paused waiting for
 *   the author (that time is not the body's), in hours;
 * - satisfactionAvg: mean score 1..5 of rated answers;
 * - negativeRate: scores ≤ SATISFACTION_NEGATIVE_MAX (default 2) / rated;
 * - repeatRate: repeated appeals (is_repeat) / count;
 * - redirectRate: appeals redirected at least once / count;
 * - returnedRate: appeals whose answer was returned for rework / answered
 *   (an appeal returned and not yet answered again counts in both);
 * - matchedByAnnouncement: appeals a published announcement answered at intake
 *   (core/announcements; read from `appeal` only, never from the rollup).
 */
export const METRICS = [
  'count',
  'open',
  'overdue',
  'answered',
  'answeredOnTime',
  'onTimeRate',
  'avgResponseHours',
  'medianResponseHours',
  'satisfactionAvg',
  'negativeRate',
  'repeatRate',
  'redirectRate',
  'returnedRate',
  'matchedByAnnouncement',
] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricEnv {
  now: Date;
  negativeMax: number;
}

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
export const OPEN_SQL = `a.status in (${OPEN_LIST})`;
export const ANSWERED_SQL = 'a.answered_at is not null';
export const ON_TIME_SQL = 'a.answered_at <= coalesce(a.due_at, a.answered_at)';
// greatest() ignores nulls, hence the case: an unanswered appeal has no response time.
// date_part, not extract: extract returns numeric since PostgreSQL 14, several times slower over a million rows.
export const RESPONSE_HOURS_SQL =
  "case when a.answered_at is not null then greatest(date_part('epoch', a.answered_at - a.received_at) - a.paused_ms / 1000.0::float8, 0) / 3600.0::float8 end";
export const REDIRECTED_SQL = `(a.status = 'REDIRECTED' or a.id in (${REDIRECTED_APPEAL_IDS_SQL}))`;
export const RETURNED_SQL = `a.id in (${RETURNED_APPEAL_IDS_SQL})`;
/** Answered by a published announcement at intake (appeal_announcement, written with the registration). */
export const MATCHED_SQL = 'exists (select 1 from appeal_announcement m where m.appeal_id = a.id)';

/** A timestamp literal of our own making (never user text), so it can be inlined. */
export const timestampLiteral = (at: Date) => `'${at.toISOString()}'::timestamptz`;

export function overdueSql(now: Date): string {
  return `(${OPEN_SQL} and a.answered_at is null and a.due_at < ${timestampLiteral(now)} and a.paused_at is null)`;
}

const rate = (numerator: string, denominator: string) => `(${numerator})::float8 / nullif(${denominator}, 0)`;

/**
 * One metric as an aggregate expression; `where` narrows it to a part of the
 * group (a plugin's KPI: its sector and categories).
 */
export function metricSql(metric: Metric | 'overdueShare', env: MetricEnv, where?: string): string {
  const and = (condition: string) => (where ? `(${where}) and ${condition}` : condition);
  const all = where ? `count(*) filter (where ${where})` : 'count(*)';
  const countIf = (condition: string) => `count(*) filter (where ${and(condition)})`;
  // FILTER rather than CASE: the median of a KPI then sorts only the KPI's own rows.
  const only = where ? ` filter (where ${where})` : '';
  switch (metric) {
    case 'count':
      return `${all}::int`;
    case 'open':
      return `${countIf(OPEN_SQL)}::int`;
    case 'overdue':
      return `${countIf(overdueSql(env.now))}::int`;
    case 'overdueShare':
      return rate(countIf(overdueSql(env.now)), all);
    case 'answered':
      return `${countIf(ANSWERED_SQL)}::int`;
    case 'answeredOnTime':
      return `${countIf(ON_TIME_SQL)}::int`;
    case 'onTimeRate':
      return rate(countIf(ON_TIME_SQL), countIf(ANSWERED_SQL));
    case 'avgResponseHours':
      return `avg(${RESPONSE_HOURS_SQL})${only}`;
    case 'medianResponseHours':
      return `percentile_cont(0.5) within group (order by ${RESPONSE_HOURS_SQL})${only}`;
    case 'satisfactionAvg':
      return `avg(a.satisfaction_score)${only}::float8`;
    case 'negativeRate':
      return rate(countIf(`a.satisfaction_score <= ${Number(env.negativeMax)}`), countIf('a.satisfaction_score is not null'));
    case 'repeatRate':
      return rate(countIf('a.is_repeat'), all);
    case 'redirectRate':
      return rate(countIf(REDIRECTED_SQL), all);
    case 'returnedRate':
      return rate(countIf(RETURNED_SQL), countIf(`(${ANSWERED_SQL} or ${RETURNED_SQL})`));
    case 'matchedByAnnouncement':
      return `${countIf(MATCHED_SQL)}::int`;
  }
}
