import { ANSWERED_SQL, ON_TIME_SQL, OPEN_SQL, REDIRECTED_SQL, RESPONSE_HOURS_SQL, RETURNED_SQL } from '../measures/metrics.js';

/**
 * The mergeable figures of a set of appeals ("partials"): the columns of an
 * `analytics_rollup` cell, and the same columns computed from `appeal as a`
 * for the part of a question the rollup does not hold. Every metric of
 * metrics.ts is a function of sums of these (and of the sorted response hours
 * for the median), so a group may mix cells and raw appeals and still come
 * out exact. `overdue` depends on the clock and is never rolled up.
 *
 * Scores are counted as ≤1, 2, 3, 4, ≥5, which gives the negative count for
 * any SATISFACTION_NEGATIVE_MAX of its range 1..4.
 */
export const PARTIAL_COLUMNS = [
  'n',
  'open',
  'answered',
  'on_time',
  'hours_sum',
  'rated',
  'score_sum',
  'score1',
  'score2',
  'score3',
  'score4',
  'score5',
  'repeats',
  'redirected',
  'returned',
  'answered_or_returned',
  'due',
  'due_answered',
] as const;
export type PartialColumn = (typeof PARTIAL_COLUMNS)[number];

/**
 * The partials as aggregates over `appeal as a`. `dueBy`: a timestamp
 * literal for ratings' "due in the period" (due_at ≤ dueBy); the rollup
 * itself counts every due date (dueBy null), used only once they have all passed.
 */
export function rawPartialsSql(dueBy: string | null = null): Record<PartialColumn, string> {
  const due = dueBy ? `a.due_at <= ${dueBy}` : 'a.due_at is not null';
  return {
    n: 'count(*)::int',
    open: `count(*) filter (where ${OPEN_SQL})::int`,
    answered: `count(*) filter (where ${ANSWERED_SQL})::int`,
    on_time: `count(*) filter (where ${ON_TIME_SQL})::int`,
    hours_sum: `sum(${RESPONSE_HOURS_SQL})`,
    rated: 'count(a.satisfaction_score)::int',
    score_sum: 'coalesce(sum(a.satisfaction_score), 0)::int',
    score1: 'count(*) filter (where a.satisfaction_score <= 1)::int',
    score2: 'count(*) filter (where a.satisfaction_score = 2)::int',
    score3: 'count(*) filter (where a.satisfaction_score = 3)::int',
    score4: 'count(*) filter (where a.satisfaction_score = 4)::int',
    score5: 'count(*) filter (where a.satisfaction_score >= 5)::int',
    repeats: 'count(*) filter (where a.is_repeat)::int',
    redirected: `count(*) filter (where ${REDIRECTED_SQL})::int`,
    returned: `count(*) filter (where ${RETURNED_SQL})::int`,
    answered_or_returned: `count(*) filter (where ${ANSWERED_SQL} or ${RETURNED_SQL})::int`,
    due: `count(*) filter (where ${due})::int`,
    due_answered: `count(*) filter (where ${due} and ${ANSWERED_SQL})::int`,
  };
}

/** The grain of the cells that partition the appeals (organization, municipality and sector kept). */
export const GRAIN_FULL = 7;
export const GRAIN_BITS = { organization: 1, municipality: 2, sector: 4 } as const;

/** The exact median response time, as metrics.ts computes it. */
export const RAW_MEDIAN_SQL = `percentile_cont(0.5) within group (order by ${RESPONSE_HOURS_SQL})`;

/** The response hours of the answered, as a sorted array (a cell's `hours`). */
export const RAW_HOURS_SQL = `array_agg(${RESPONSE_HOURS_SQL} order by ${RESPONSE_HOURS_SQL}) filter (where ${ANSWERED_SQL})`;

/** Sum of a partial over the rows of `p` (a union of cells and raw groups). */
export const sumOf = (column: PartialColumn) => (column === 'hours_sum' ? `sum(p.${column})` : `coalesce(sum(p.${column}), 0)::int`);

/** Negative scores out of the score counts, for SATISFACTION_NEGATIVE_MAX = max (1..4). */
export function negativeOf(max: number, prefix = 'p.'): string {
  const parts: string[] = [];
  for (let k = 1; k <= Math.min(Math.max(Math.trunc(max), 1), 4); k++) parts.push(`${prefix}score${k}`);
  return parts.join(' + ');
}

/**
 * The rows of `p` that carry hours, ordered by the group keys (as `p`): the
 * unnested hours then reach the medians' GROUP BY already in group order, so
 * PostgreSQL sorts the cells (tens of thousands) instead of every response
 * time (hundreds of thousands) before each group sorts its own for
 * percentile_cont — about a third less time for a year (bench/analytics.bench.ts).
 */
export function sortedHours(keys: string[]): string {
  const order = keys.length ? ` order by ${keys.map((k) => `p.${k}`).join(', ')}` : '';
  return `(select ${[...keys.map((k) => `p.${k}`), 'p.hours'].join(', ')} from p where p.hours is not null${order}) as p`;
}
