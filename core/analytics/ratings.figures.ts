import { and, raw, sql, type Sql } from '../db/sql.js';
import { ANSWERED_SQL, ON_TIME_SQL, RESPONSE_HOURS_SQL, RETURNED_SQL, timestampLiteral } from './measures/metrics.js';
import { runAnalyticsQuery, runAnalyticsWork, type AnalyticsContext } from './measures/analytics-context.js';
import { planRollup } from './rollup/rollup-plan.js';
import { partialsUnion } from './rollup/rollup-query.js';
import { GRAIN_BITS, GRAIN_FULL, negativeOf, sortedHours, sumOf } from './rollup/rollup.sql.js';
import { hoursReady, mergedMediansSql } from './rollup/rollup-median.sql.js';
import { RatingSubject } from './ratings.types.js';

const SORTED_HOURS_K0 = raw(sortedHours(['k0']));

/** The counts behind a rating, per rated subject and for the whole list (id null). */
export interface RatingFigures {
  id: string | null;
  n: number;
  answered: number;
  onTime: number;
  returned: number;
  rated: number;
  negative: number;
  repeats: number;
  due: number;
  dueAnswered: number;
  medianHours: number | null;
}

/**
 * One statement: the figures per subject and, through GROUPING SETS, for
 * everyone rated together (the mean that small numbers are shrunk towards).
 */
export async function loadRatingFigures(
  ctx: AnalyticsContext,
  subject: RatingSubject,
  from: Date,
  to: Date,
  sectorId: string | null,
  source: 'auto' | 'raw' = 'auto',
): Promise<RatingFigures[]> {
  const column = subject === RatingSubject.ORGANIZATION ? 'a.organization_id' : 'a.municipality_id';
  // "Due in the period": the deadline has come, within the period and before now.
  const dueAt = new Date(Math.min(to.getTime(), ctx.now.getTime()));
  const dueBy = timestampLiteral(dueAt);
  const neg = Number(ctx.app.config.SATISFACTION_NEGATIVE_MAX);
  // The column, the metrics' expressions and the literals are constants of ours, never user text.
  const id = raw(column);
  const figures = raw(`${column} as id,
      count(*)::int as n,
      count(*) filter (where ${ANSWERED_SQL})::int as answered,
      count(*) filter (where ${ON_TIME_SQL})::int as on_time,
      count(*) filter (where ${RETURNED_SQL})::int as returned,
      count(a.satisfaction_score)::int as rated,
      count(*) filter (where a.satisfaction_score <= ${neg})::int as negative,
      count(*) filter (where a.is_repeat)::int as repeats,
      count(*) filter (where a.due_at <= ${dueBy})::int as due,
      count(*) filter (where a.due_at <= ${dueBy} and ${ANSWERED_SQL})::int as due_answered,
      percentile_cont(0.5) within group (order by ${RESPONSE_HOURS_SQL}) as median_hours`);
  const where: Sql[] = [sql`a.received_at >= ${from}`, sql`a.received_at < ${to}`, sql`${id} is not null`];
  if (sectorId) where.push(sql`a.sector_id = ${sectorId}`);
  const statement = sql`select ${figures} from appeal as a where ${and(where)} group by grouping sets ((${id}), ())`;
  const rows: Record<string, unknown>[] =
    source === 'raw'
      ? await runAnalyticsQuery(ctx, statement)
      : await runAnalyticsWork(ctx, async (run) => {
          // Months the rollup holds unchanged (those with deadlines after dueBy corrected live); the rest from `appeal`.
          const plan = await planRollup(run, ctx.app.config.TIME_ZONE, from, to, dueAt, true);
          if (!plan.months.length) return run(statement);
          const rollupColumn = subject === RatingSubject.ORGANIZATION ? 'r.organization_id' : 'r.municipality_id';
          // The medians from the months' histograms and the one bucket around the middle (rollup-median.sql.ts), when every month has them.
          const keyBit = subject === RatingSubject.ORGANIZATION ? GRAIN_BITS.organization : GRAIN_BITS.municipality;
          const narrowRollup = [sql`${raw(rollupColumn)} is not null`, ...(sectorId ? [sql`r.sector_id = ${sectorId}`] : [])];
          const narrowRaw = [sql`${id} is not null`, ...(sectorId ? [sql`a.sector_id = ${sectorId}`] : [])];
          const ready = await hoursReady(run, plan.months);
          const p = partialsUnion(plan, {
            keys: [{ rollup: rollupColumn, raw: column }],
            columns: ['n', 'answered', 'on_time', 'returned', 'rated', 'score1', 'score2', 'score3', 'score4', 'repeats', 'due', 'due_answered'],
            median: ready ? 'none' : 'hours',
            // With the medians apart, the counts come from the coarse cells of the subject (and sector): one per month and subject.
            grain: ready ? keyBit | (sectorId ? GRAIN_BITS.sector : 0) : GRAIN_FULL,
            overdueAt: null,
            dueBy,
            dueFromHours: ready ? keyBit | (sectorId ? GRAIN_BITS.sector : 0) : null,
            narrowRollup,
            narrowRaw,
          });
          const medians = ready
            ? sql`select mm.id, mm.median as median_hours from (${mergedMediansSql(plan, {
                key: { rollup: rollupColumn, raw: column },
                grain: keyBit | (sectorId ? GRAIN_BITS.sector : 0),
                narrowRollup,
                narrowRaw,
              })}) as mm`
            : sql`select p.k0 as id, percentile_cont(0.5) within group (order by h) as median_hours
                from ${SORTED_HOURS_K0} cross join lateral unnest(p.hours) as u(h) group by grouping sets ((p.k0), ())`;
          const totals = raw(`p.k0 as id, ${sumOf('n')} as n, ${sumOf('answered')} as answered, ${sumOf('on_time')} as on_time,
                ${sumOf('returned')} as returned, ${sumOf('rated')} as rated, coalesce(sum(${negativeOf(neg)}), 0)::int as negative,
                ${sumOf('repeats')} as repeats, ${sumOf('due')} as due, ${sumOf('due_answered')} as due_answered`);
          return run(
            sql`with p as (${p}),
              t as (select ${totals} from p group by grouping sets ((p.k0), ())),
              m as (${medians})
            select t.*, m.median_hours from t left join m on coalesce(t.id::text, '') = coalesce(m.id::text, '')`,
          );
        });
  return rows.map((row) => ({
    id: (row.id as string | null) ?? null,
    n: Number(row.n),
    answered: Number(row.answered),
    onTime: Number(row.on_time),
    returned: Number(row.returned),
    rated: Number(row.rated),
    negative: Number(row.negative),
    repeats: Number(row.repeats),
    due: Number(row.due),
    dueAnswered: Number(row.due_answered),
    medianHours: row.median_hours == null ? null : Number(row.median_hours),
  }));
}
