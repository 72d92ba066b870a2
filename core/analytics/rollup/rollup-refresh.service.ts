import type { EntityManager } from '@mikro-orm/postgresql';
import { rebuildRuleRollupMonth } from '../../recommendations/recommendation-rollup.js';
import { GRAIN_FULL, PARTIAL_COLUMNS, RAW_HOURS_SQL, RAW_MEDIAN_SQL, rawPartialsSql } from './rollup.sql.js';

const GRAIN_SQL = '((grouping(a.organization_id) = 0)::int + 2 * (grouping(a.municipality_id) = 0)::int + 4 * (grouping(a.sector_id) = 0)::int)';

export interface RollupRefreshResult {
  /** Local months rebuilt (`YYYY-MM`). */
  months: string[];
  /** Change marks consumed. */
  marks: number;
}

export interface RollupRefreshOptions {
  /** Stop after this many months (the rest is left for the next run); default: all. */
  maxMonths?: number;
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
  const conn = em.getConnection();
  const tz = zoneLiteral(zone);
  // Months of another zone are worthless now.
  await conn.execute(`delete from analytics_rollup where month in (select month from analytics_rollup_month where time_zone <> ?)`, [zone]);
  await conn.execute(`delete from analytics_rollup_month where time_zone <> ?`, [zone]);

  const marks: { id: string; day: string }[] = await conn.execute(`select id::text as id, to_char(day, 'YYYY-MM-DD') as day from analytics_dirty order by id`);
  // A UTC day may span two local months: both of its ends count.
  const marked: { month: string }[] = marks.length
    ? await conn.execute(
        `select distinct to_char(date_trunc('month', t at time zone ${tz}), 'YYYY-MM-DD HH24:MI:SS') as month
         from unnest(?::date[]) d, lateral (values ((d::timestamp at time zone 'UTC')), (((d + 1)::timestamp at time zone 'UTC') - interval '1 microsecond')) v(t)`,
        [`{${[...new Set(marks.map((m) => m.day))].join(',')}}`],
      )
    : [];
  // Months with appeals the rollup does not hold (the first build; a month that has just begun).
  const missing: { month: string }[] = await conn.execute(
    `with bounds as (select min(received_at) as lo, max(received_at) as hi from appeal)
     select to_char(g, 'YYYY-MM-DD HH24:MI:SS') as month
     from bounds, generate_series(date_trunc('month', lo at time zone ${tz}), date_trunc('month', hi at time zone ${tz}), interval '1 month') g
     where lo is not null and not exists (select 1 from analytics_rollup_month m where m.month = g)`,
  );
  const all = [...new Set([...marked, ...missing].map((m) => m.month))].sort();
  const months = options.maxMonths != null ? all.slice(0, options.maxMonths) : all;

  const partials = rawPartialsSql(null);
  for (const month of months) {
    await em.transactional(async (tx) => {
      const trx = tx.getTransactionContext();
      const c = tx.getConnection();
      const run = (sql: string, params: unknown[] = []) => c.execute(sql, params, 'run', trx);
      await run(`select pg_advisory_xact_lock(hashtext('analytics_rollup'), hashtext(?))`, [month]);
      // A background job, not a request: rebuilding a month may take longer than a request's statement_timeout.
      await run(`set local work_mem = '64MB'; set local statement_timeout = 0`);
      await run(`delete from analytics_rollup where month = ?::timestamp`, [month]);
      // Every grouping set of the three keys: the full grain (7) with the sorted hours, the others with their median.
      await run(
        `insert into analytics_rollup (month, grain, organization_id, municipality_id, sector_id, ${PARTIAL_COLUMNS.join(', ')}, hours, median)
         select ?::timestamp,
           ${GRAIN_SQL} as grain,
           a.organization_id, a.municipality_id, a.sector_id,
           ${PARTIAL_COLUMNS.map((c) => partials[c]).join(',\n           ')},
           case when ${GRAIN_SQL} = ${GRAIN_FULL} then ${RAW_HOURS_SQL} end,
           ${RAW_MEDIAN_SQL}
         from appeal a
         where a.received_at >= ?::timestamp at time zone ${tz} and a.received_at < (?::timestamp + interval '1 month') at time zone ${tz}
         group by cube (a.organization_id, a.municipality_id, a.sector_id)`,
        [month, month, month],
      );
      // The recommendation rules' rollups of the same month, in the same transaction.
      await rebuildRuleRollupMonth(tx as EntityManager, month, zone);
      await run(
        `insert into analytics_rollup_month (month, time_zone, refreshed_at, max_due_at)
         select ?::timestamp, ?, clock_timestamp(), max(a.due_at) from appeal a
         where a.received_at >= ?::timestamp at time zone ${tz} and a.received_at < (?::timestamp + interval '1 month') at time zone ${tz}
         on conflict (month) do update set time_zone = excluded.time_zone, refreshed_at = excluded.refreshed_at, max_due_at = excluded.max_due_at`,
        [month, zone, month, month],
      );
    });
  }
  // Only now, and only the marks read before the months were rebuilt.
  const consumed = months.length === all.length ? marks.map((m) => m.id) : [];
  if (consumed.length) await conn.execute(`delete from analytics_dirty where id = any(?::bigint[])`, [`{${consumed.join(',')}}`]);
  return { months: months.map((m) => m.slice(0, 7)), marks: consumed.length };
}
