import type { Knex } from '@mikro-orm/postgresql';
import { ANSWERED_SQL, ON_TIME_SQL, RESPONSE_HOURS_SQL, RETURNED_SQL, timestampLiteral } from './metrics.js';
import { runAnalyticsQuery, type AnalyticsContext } from './analytics-context.js';
import { RatingSubject } from './ratings.types.js';

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
): Promise<RatingFigures[]> {
  const knex = ctx.em.getKnex();
  const column = subject === RatingSubject.ORGANIZATION ? 'a.organization_id' : 'a.municipality_id';
  // "Due in the period": the deadline has come, within the period and before now.
  const dueBy = timestampLiteral(new Date(Math.min(to.getTime(), ctx.now.getTime())));
  const neg = Number(ctx.app.config.SATISFACTION_NEGATIVE_MAX);
  const query: Knex.QueryBuilder = knex('appeal as a')
    .select(
      knex.raw(`${column} as id,
      count(*)::int as n,
      count(*) filter (where ${ANSWERED_SQL})::int as answered,
      count(*) filter (where ${ON_TIME_SQL})::int as on_time,
      count(*) filter (where ${RETURNED_SQL})::int as returned,
      count(a.satisfaction_score)::int as rated,
      count(*) filter (where a.satisfaction_score <= ${neg})::int as negative,
      count(*) filter (where a.is_repeat)::int as repeats,
      count(*) filter (where a.due_at <= ${dueBy})::int as due,
      count(*) filter (where a.due_at <= ${dueBy} and ${ANSWERED_SQL})::int as due_answered,
      percentile_cont(0.5) within group (order by ${RESPONSE_HOURS_SQL}) as median_hours`),
    )
    .where('a.received_at', '>=', from)
    .where('a.received_at', '<', to)
    .whereNotNull(column)
    .groupByRaw(`grouping sets ((${column}), ())`);
  if (sectorId) query.where('a.sector_id', sectorId);
  const rows: Record<string, unknown>[] = await runAnalyticsQuery(ctx, query);
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
