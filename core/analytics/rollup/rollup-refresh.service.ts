import type { EntityManager } from '@mikro-orm/postgresql';
import { query, raw, sql } from '../../db/sql.js';
import { GRAIN_FULL, PARTIAL_COLUMNS, RAW_HOURS_SQL, RAW_MEDIAN_SQL, rawPartialsSql } from './rollup.sql.js';
import { buildMonthHours, staleHoursMonths } from './rollup-median.sql.js';

const GRAIN_SQL = '((grouping(a.organization_id) = 0)::int + 2 * (grouping(a.municipality_id) = 0)::int + 4 * (grouping(a.sector_id) = 0)::int)';

export interface RollupRefreshResult {
  /** Local months rebuilt (`YYYY-MM`). */
  months: string[];
  /** Change marks consumed. */
  marks: number;
}

/**
 * Rebuilds a feature's own rollup of one local month (`YYYY-MM-DD HH24:MI:SS`,
 * its first moment), in the refresh's transaction of that month: the
 * recommendation rules' (core/recommendations/recommendation-rollup.ts). The
 * composition root hands them over (AppServices.rollupRebuilders), so the
 * rollup does not import the features above it.
 */
export type RollupMonthRebuilder = (em: EntityManager, month: string, zone: string) => Promise<void>;

export interface RollupRefreshOptions {
  /** Stop after this many months (the rest is left for the next run); default: all. */
  maxMonths?: number;
  /** The features' rollups rebuilt with each month; default: none. */
  rebuilders?: readonly RollupMonthRebuilder[];
  /**
   * Build no month before this one (`YYYY-MM`): they stay read from `appeal`
   * (or from their cells, while their change marks stay for a run without it).
   * A first build of a long history can so start with the months asked about.
   */
  from?: string;
}

const zoneLiteral = (zone: string) => `'${zone.replace(/'/g, "''")}'`;

/**
 * Brings the analytics rollup up to date: rebuilds every local month that a
 * change has marked (analytics_dirty), that the rollup does not hold yet, or
 * that was cut in another time zone; then deletes exactly the marks it read.
 * A change committed meanwhile leaves its own mark, so its month is rebuilt
 * again on the next run and read from `appeal` until then — the rollup is
 * never trusted for a month with a pending change. One month per
 * transaction, under an advisory lock, so concurrent runs do not interleave.
 */
export async function refreshRollup(em: EntityManager, zone: string, options: RollupRefreshOptions = {}): Promise<RollupRefreshResult> {
  // The zone is configuration, quoted as a literal (the same text as the statements that read the rollup).
  const tz = raw(zoneLiteral(zone));
  // Months of another zone are worthless now.
  await query(em, sql`delete from analytics_rollup where month in (select month from analytics_rollup_month where time_zone <> ${zone})`);
  await query(em, sql`delete from analytics_rollup_month where time_zone <> ${zone}`);

  const marks = await query<{ id: string; day: string }>(em, sql`select id::text as id, to_char(day, 'YYYY-MM-DD') as day from analytics_dirty order by id`);
  // A UTC day may span two local months: both of its ends count.
  const marked = marks.length
    ? await query<{ day: string; month: string }>(
        em,
        sql`select distinct to_char(d, 'YYYY-MM-DD') as day, to_char(date_trunc('month', t at time zone ${tz}), 'YYYY-MM-DD HH24:MI:SS') as month
         from unnest(${[...new Set(marks.map((m) => m.day))]}::date[]) d, lateral (values ((d::timestamp at time zone 'UTC')), (((d + 1)::timestamp at time zone 'UTC') - interval '1 microsecond')) v(t)`,
      )
    : [];
  // Months with appeals the rollup does not hold (the first build; a month that has just begun).
  const missing = await query<{ month: string }>(
    em,
    sql`with bounds as (select min(received_at) as lo, max(received_at) as hi from appeal)
     select to_char(g, 'YYYY-MM-DD HH24:MI:SS') as month
     from bounds, generate_series(date_trunc('month', lo at time zone ${tz}), date_trunc('month', hi at time zone ${tz}), interval '1 month') g
     where lo is not null and not exists (select 1 from analytics_rollup_month m where m.month = g)`,
  );
  const all = [...new Set([...marked, ...missing].map((m) => m.month))].sort();
  const wanted = options.from ? all.filter((m) => m.slice(0, 7) >= options.from!) : all;
  const months = options.maxMonths != null ? wanted.slice(0, options.maxMonths) : wanted;

  const partials = rawPartialsSql(null);
  // The columns and aggregates are rollup.sql.ts's constants.
  const [grain, columns, aggregates] = [GRAIN_SQL, PARTIAL_COLUMNS.join(', '), PARTIAL_COLUMNS.map((c) => partials[c]).join(',\n           ')].map(raw);
  for (const month of months) {
    await em.transactional(async (tx) => {
      await query(tx, sql`select pg_advisory_xact_lock(hashtext('analytics_rollup'), hashtext(${month}))`);
      // A background job, not a request: rebuilding a month may take longer than a request's statement_timeout (set_config(…, true): set local).
      await query(tx, sql`select set_config('work_mem', '64MB', true), set_config('statement_timeout', '0', true)`);
      await query(tx, sql`delete from analytics_rollup where month = ${month}::timestamp`);
      // Every grouping set of the three keys: the full grain (7) with the sorted hours, the others with their median.
      await query(
        tx,
        sql`insert into analytics_rollup (month, grain, organization_id, municipality_id, sector_id, ${columns}, hours, median)
         select ${month}::timestamp,
           ${grain} as grain,
           a.organization_id, a.municipality_id, a.sector_id,
           ${aggregates},
           case when ${grain} = ${raw(String(GRAIN_FULL))} then ${raw(RAW_HOURS_SQL)} end,
           ${raw(RAW_MEDIAN_SQL)}
         from appeal a
         where a.received_at >= ${month}::timestamp at time zone ${tz} and a.received_at < (${month}::timestamp + interval '1 month') at time zone ${tz}
         group by cube (a.organization_id, a.municipality_id, a.sector_id)`,
      );
      // The features' rollups of the same month (the recommendation rules'), in the same transaction.
      for (const rebuild of options.rebuilders ?? []) await rebuild(tx as EntityManager, month, zone);
      await query(
        tx,
        sql`insert into analytics_rollup_month (month, time_zone, refreshed_at, max_due_at)
         select ${month}::timestamp, ${zone}, clock_timestamp(), max(a.due_at) from appeal a
         where a.received_at >= ${month}::timestamp at time zone ${tz} and a.received_at < (${month}::timestamp + interval '1 month') at time zone ${tz}
         on conflict (month) do update set time_zone = excluded.time_zone, refreshed_at = excluded.refreshed_at, max_due_at = excluded.max_due_at`,
      );
      await buildMonthHours(tx as EntityManager, month, zone);
    });
  }
  // Held months whose hours and due dates are missing or older than their cells (built before them, or by a build without them).
  for (const month of await staleHoursMonths(em, zone)) {
    if (options.from && month.slice(0, 7) < options.from) continue;
    await em.transactional(async (tx) => {
      await query(tx, sql`select pg_advisory_xact_lock(hashtext('analytics_rollup'), hashtext(${month}))`);
      await query(tx, sql`select set_config('work_mem', '64MB', true), set_config('statement_timeout', '0', true)`);
      await buildMonthHours(tx as EntityManager, month, zone);
    });
  }
  // Only now, and only the marks read before the months were rebuilt, each once every month of its day was.
  // A month the rollup does not hold (before `from`) is read from `appeal` anyway: its mark need not wait for it, or the
  // month after it (which shares the UTC day of the boundary) would be read raw until a full run.
  const built = new Set(months);
  const held = new Set(
    (
      await query<{ month: string }>(em, sql`select to_char(month, 'YYYY-MM-DD HH24:MI:SS') as month from analytics_rollup_month where time_zone = ${zone}`)
    ).map((r) => r.month),
  );
  const pending = new Set(marked.filter((m) => !built.has(m.month) && held.has(m.month)).map((m) => m.day));
  const consumed = marks.filter((m) => !pending.has(m.day)).map((m) => m.id);
  if (consumed.length) await query(em, sql`delete from analytics_dirty where id = any(${consumed}::bigint[])`);
  return { months: months.map((m) => m.slice(0, 7)), marks: consumed.length };
}
