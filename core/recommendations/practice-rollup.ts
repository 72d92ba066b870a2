import type { EntityManager } from '@mikro-orm/postgresql';
import { query, raw, sql, type Sql } from '../db/sql.js';
import { ANSWERED_SQL, ON_TIME_SQL, RESPONSE_HOURS_SQL } from '../analytics/measures/metrics.js';
import { inRanges, withPlan, type RawRange } from './rule-plan.js';

/**
 * The figures best practices compare, per body and per municipality, within
 * each category and over all of them, with the category's (or everyone's)
 * figures beside them (best-practices.service.ts): from the monthly
 * `recommendation_practice` rows for the months the analytics rollup holds
 * unmarked, from `appeal` for the rest of the period, merged by sums.
 */
export interface PracticeRow {
  organization_id: string | null;
  municipality_id: string | null;
  category_id: string | null;
  category: string | null;
  /** Which keys the row keeps: the subject (organization, municipality or none) and whether per category. */
  subject: 'organization' | 'municipality' | 'all';
  n: number;
  answered: number;
  on_time: number;
  avg_hours: number | null;
  rated: number;
  avg_score: number | null;
}

/** The mergeable figures of `appeal as a`, per category, sector and body (grain 1) or municipality (grain 2). */
function partialsOf(ranges: Sql): Sql {
  return sql`
    select case when grouping(a.organization_id) = 0 then 1 else 2 end as grain, a.category_id, a.sector_id,
      coalesce(a.organization_id, a.municipality_id) as subject_id,
      count(*)::int as n, count(*) filter (where ${raw(ANSWERED_SQL)})::int as answered,
      count(*) filter (where ${raw(ANSWERED_SQL)} and ${raw(ON_TIME_SQL)})::int as on_time,
      sum(${raw(RESPONSE_HOURS_SQL)}) as hours_sum, count(a.satisfaction_score)::int as rated,
      coalesce(sum(a.satisfaction_score), 0)::int as score_sum
    from appeal a
    where ${ranges} and a.category_id is not null
    group by grouping sets ((a.category_id, a.sector_id, a.organization_id), (a.category_id, a.sector_id, a.municipality_id))`;
}

/** Rebuilds one local month; called from rebuildRuleRollupMonth in the analytics rollup refresh's transaction. */
export async function rebuildPracticeMonth(em: EntityManager, month: string, zone: string): Promise<void> {
  const range = sql`a.received_at >= (${month}::timestamp at time zone ${zone}::text)
    and a.received_at < ((${month}::timestamp + interval '1 month') at time zone ${zone}::text)`;
  await query(em, sql`delete from recommendation_practice where month = ${month}::timestamp`);
  await query(
    em,
    sql`insert into recommendation_practice (month, grain, category_id, sector_id, subject_id, n, answered, on_time, hours_sum, rated, score_sum)
    select ${month}::timestamp, p.grain, p.category_id, p.sector_id, p.subject_id, p.n, p.answered, p.on_time, p.hours_sum, p.rated, p.score_sum
    from (${partialsOf(range)}) p`,
  );
}

const SUMS = raw(`sum(p.n)::int as n, sum(p.answered)::int as answered, sum(p.on_time)::int as on_time,
  sum(p.hours_sum) / nullif(sum(p.answered), 0) as avg_hours, sum(p.rated)::int as rated,
  (sum(p.score_sum)::numeric / nullif(sum(p.rated), 0)::numeric)::float8 as avg_score`);

/**
 * Every row best practices compare over [from, to): per (category, body),
 * (category, municipality), (category), (body), (municipality) and () —
 * subjects with at least `min` appeals, and every 'all' row.
 */
export function practiceFigures(
  em: EntityManager,
  zone: string,
  from: Date,
  to: Date,
  sectorId: string | null,
  min: number,
  rollup = true,
): Promise<PracticeRow[]> {
  return withPlan(em, zone, from, to, rollup, (tx, plan) => {
    const rawRanges: RawRange[] = plan.raw;
    return query<PracticeRow>(
      tx,
      sql`
      with p as materialized (
        select r.grain, r.category_id, r.subject_id, r.n, r.answered, r.on_time, r.hours_sum, r.rated, r.score_sum
        from recommendation_practice r
        where r.month = any(${plan.months}::timestamp[]) and (${sectorId}::uuid is null or r.sector_id = ${sectorId}::uuid)
        union all
        select x.grain, x.category_id, x.subject_id, x.n, x.answered, x.on_time, x.hours_sum, x.rated, x.score_sum
        from (${partialsOf(sql`${inRanges(sql`a.received_at`, rawRanges)} and (${sectorId}::uuid is null or a.sector_id = ${sectorId}::uuid)`)}) x
      ), g as (
        select p.subject_id as organization_id, null::uuid as municipality_id, p.category_id,
          case when grouping(p.subject_id) = 0 then 'organization' else 'all' end as subject, ${SUMS}
        from p where p.grain = 1
        group by grouping sets ((p.category_id, p.subject_id), (p.category_id), (p.subject_id), ())
        union all
        select null::uuid, p.subject_id, p.category_id, 'municipality', ${SUMS}
        from p where p.grain = 2
        group by grouping sets ((p.category_id, p.subject_id), (p.subject_id))
      )
      select g.*, c.name as category from g left join category c on c.id = g.category_id
      where g.subject = 'all' or (g.n >= ${min} and coalesce(g.organization_id, g.municipality_id) is not null)`,
    );
  });
}
