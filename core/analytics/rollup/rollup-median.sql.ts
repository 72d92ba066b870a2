import type { EntityManager } from '@mikro-orm/postgresql';
import { and, empty, query, raw, sql, type Sql } from '../../db/sql.js';
import type { AnalyticsWork } from '../measures/analytics-context.js';
import { ANSWERED_SQL } from '../measures/metrics.js';
import { RAW_HOURS_SQL } from './rollup.sql.js';
import { monthsCondition, rangesCondition, type RollupPlan } from './rollup-plan.js';
import type { KeyPair } from './rollup-query.js';

/**
 * Exact medians over many months without sorting every response time.
 *
 * Each month keeps, by body and by municipality (with and without the sector
 * block; analytics_rollup_hours), the sorted response hours and their
 * cumulative histogram over fixed edges: cum[i] = how many hours are ≤
 * MEDIAN_EDGES[i]. The median of a union of such parts (months, and the raw
 * appeals of the rest of the period) is then found in two steps: the summed
 * histograms tell which bucket holds each of the two middle ranks and how many
 * values lie below it; only the values of that bucket (a slice of each sorted
 * array) are sorted and the ranks read off. The result is the very value
 * percentile_cont(0.5) gives — the same two order statistics and the same
 * interpolation (PostgreSQL's float8_lerp: lo + 0.5 × (hi − lo)) — not an
 * estimate: the histogram only decides which values need sorting.
 *
 * The edges: 0 (answered at once), then one minute × 1.1^k up to about
 * 100,000 hours, then +∞. A bucket holds a 10 % band of response times, a few
 * per cent of the answers around the median: a year by body at the largest
 * region's density sorts ~10⁵ values instead of ~3.4 × 10⁶.
 */
export const MEDIAN_EDGES: readonly number[] = (() => {
  const edges = [0];
  for (let edge = 1 / 60; edge <= 100_000; edge *= 1.1) edges.push(edge);
  edges.push(Number.POSITIVE_INFINITY);
  return edges;
})();

/** The grains analytics_rollup_hours keeps: body, municipality, and each with the sector block. */
export const HOURS_GRAINS = [1, 2, 5, 6] as const;

const EDGES = () => sql`${[...MEDIAN_EDGES]}::float8[]`;
const GRAIN_OF = '(grouping(a.organization_id) = 0)::int + 2 * (grouping(a.municipality_id) = 0)::int + 4 * (grouping(a.sector_id) = 0)::int';

/** The cumulative histogram of a sorted float8[] expression (binary searches of the edges in it). */
const cumOf = (hours: string) => sql`array(select width_bucket(e, ${raw(hours)})::int from unnest(${EDGES()}) with ordinality as u(e, i) order by i)`;

/**
 * (Re)builds a month's analytics_rollup_hours from its appeals (the response
 * hours as the cells', RAW_HOURS_SQL; the due dates) and records which build
 * of the month they belong to. In the caller's transaction, which holds the
 * month's advisory lock; the month's marks keep it read raw if an appeal
 * changes meanwhile, as for the cells.
 */
export async function buildMonthHours(tx: EntityManager, month: string, zone: string): Promise<void> {
  const tz = raw(`'${zone.replace(/'/g, "''")}'`);
  await query(tx, sql`delete from analytics_rollup_hours where month = ${month}::timestamp`);
  await query(
    tx,
    sql`insert into analytics_rollup_hours (month, grain, organization_id, municipality_id, sector_id, hours, cum, due_at, due_answered_at)
     select ${month}::timestamp, g.grain, g.organization_id, g.municipality_id, g.sector_id, g.hours, case when g.hours is not null then ${cumOf('g.hours')} end,
       g.due_at, g.due_answered_at
     from (
       select ${raw(GRAIN_OF)} as grain, a.organization_id, a.municipality_id, a.sector_id, ${raw(RAW_HOURS_SQL)} as hours,
         array_agg(a.due_at order by a.due_at) filter (where a.due_at is not null) as due_at,
         array_agg(a.due_at order by a.due_at) filter (where a.due_at is not null and ${raw(ANSWERED_SQL)}) as due_answered_at
       from appeal as a
       where a.received_at >= ${month}::timestamp at time zone ${tz} and a.received_at < (${month}::timestamp + interval '1 month') at time zone ${tz}
       group by grouping sets ((a.organization_id), (a.municipality_id), (a.organization_id, a.sector_id), (a.municipality_id, a.sector_id))
     ) as g`,
  );
  await query(tx, sql`update analytics_rollup_month set hours_refreshed_at = refreshed_at, hours_edges = ${EDGES()} where month = ${month}::timestamp`);
}

/** Held months (`YYYY-MM-DD HH24:MI:SS`) whose hours are missing, stale (the month rebuilt since) or counted over other edges. */
export async function staleHoursMonths(em: EntityManager, zone: string): Promise<string[]> {
  const rows = await query<{ month: string }>(
    em,
    sql`select to_char(month, 'YYYY-MM-DD HH24:MI:SS') as month from analytics_rollup_month
     where time_zone = ${zone} and (hours_refreshed_at is distinct from refreshed_at or hours_edges is distinct from ${EDGES()})
     order by month`,
  );
  return rows.map((r) => r.month);
}

/** Whether every planned month's hours belong to its current build (else the medians merge the cells' arrays, as before). */
export async function hoursReady(run: AnalyticsWork, months: string[]): Promise<boolean> {
  if (!months.length) return false;
  const [row] = await run<{ ready: boolean }>(
    sql`select count(*) = ${months.length} as ready from analytics_rollup_month
     where month = any(${months}::timestamp[]) and hours_refreshed_at = refreshed_at and hours_edges = ${EDGES()}`,
  );
  return Boolean(row?.ready);
}

export interface MedianQuery {
  /** The one group key, over analytics_rollup_hours (`r`) and over `appeal as a`. */
  key: KeyPair;
  /** The grain of analytics_rollup_hours holding that key (and the sector, if narrowed by it): one of HOURS_GRAINS. */
  grain: number;
  narrowRollup: Sql[];
  narrowRaw: Sql[];
}

/**
 * The exact medians per key (`id`) and over all of them (`id` null, `pooled` 1)
 * of the plan's months (from analytics_rollup_hours; hoursReady must hold) and
 * of its raw ranges (from `appeal`): a statement with columns id, pooled, median.
 */
export function mergedMediansSql(plan: RollupPlan, q: MedianQuery): Sql {
  const rawPart = plan.raw.length
    ? sql` union all select x.k0, x.hours, ${cumOf('x.hours')} from (select ${raw(q.key.raw)} as k0, ${raw(RAW_HOURS_SQL)} as hours
        from appeal as a where ${and([rangesCondition(plan.raw), ...q.narrowRaw])} group by 1) as x where x.hours is not null`
    : empty;
  // Ranks are 0-based: the middle two are (n − 1) / 2 and n / 2 (equal for odd n), as percentile_cont's floor and ceil.
  return sql`with parts as materialized (
      select ${raw(q.key.rollup)} as k0, r.hours, r.cum from analytics_rollup_hours as r
      where ${and([sql`r.grain = ${q.grain}`, sql`r.hours is not null`, monthsCondition(plan.months), ...q.narrowRollup])}${rawPart}),
    c as (select p.k0, grouping(p.k0) as pooled, u.i::int as i, sum(u.c)::bigint as c
      from parts as p cross join lateral unnest(p.cum) with ordinality as u(c, i) group by grouping sets ((p.k0, u.i), (u.i))),
    w as (select c.*, max(c.c) over (partition by c.pooled, c.k0) as n from c),
    g as (select w.k0, w.pooled, w.n::int as n,
        min(w.i) filter (where w.c > (w.n - 1) / 2) as i_lo,
        min(w.i) filter (where w.c > w.n / 2) as i_hi,
        coalesce(max(w.c) filter (where w.c <= (w.n - 1) / 2), 0)::int as base
      from w where w.n > 0 group by w.k0, w.pooled, w.n),
    s as (select g.k0, g.pooled, g.n, g.base, array_agg(x.h order by x.h) as xs
      from g join parts as p on g.pooled = 1 or p.k0 is not distinct from g.k0
      cross join lateral unnest(p.hours[coalesce(p.cum[g.i_lo - 1], 0) + 1 : p.cum[g.i_hi]]) as x(h)
      group by g.k0, g.pooled, g.n, g.base)
    select s.k0 as id, s.pooled, case when s.n % 2 = 1 then s.xs[(s.n - 1) / 2 - s.base + 1]
      else s.xs[(s.n - 1) / 2 - s.base + 1] + 0.5::float8 * (s.xs[s.n / 2 - s.base + 1] - s.xs[(s.n - 1) / 2 - s.base + 1]) end as median
    from s`;
}
