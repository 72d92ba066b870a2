import type { EntityManager } from '@mikro-orm/postgresql';
import { IsolationLevel } from '@mikro-orm/core';
import { join, query, sql, type Sql } from '../db/sql.js';

/**
 * How a question over a period splits between the recommendation rollups
 * (recommendation-rollup.ts, practice-rollup.ts) and the rows: the months the
 * analytics rollup holds in this zone, unmarked, wholly inside the period.
 */

/** A half-open range of time read from the rows. */
export interface RawRange {
  from: Date;
  to: Date;
}

/** How a period splits between the rule rollups and the rows. */
export interface RulePlan {
  /** Local months (`YYYY-MM-01 00:00:00`) read from the rollups. */
  months: string[];
  /** The rest of the period. */
  raw: RawRange[];
}

/**
 * The months of [from, to) the rule rollups may answer for: held by the
 * analytics rollup in this zone, wholly inside the period, no day marked
 * since their refresh; and the rest of the period as ranges.
 */
export async function planRuleRollup(em: EntityManager, zone: string, from: Date, to: Date): Promise<RulePlan> {
  const rows = await query<{ month: string; start: Date; end: Date }>(
    em,
    sql`select to_char(m.month, 'YYYY-MM-DD HH24:MI:SS') as month, m.month at time zone m.time_zone as start,
       (m.month + interval '1 month') at time zone m.time_zone as "end"
     from analytics_rollup_month m
     where m.time_zone = ${zone} and m.month at time zone m.time_zone >= ${from} and (m.month + interval '1 month') at time zone m.time_zone <= ${to}
       and not exists (
         select 1 from analytics_dirty d
         where d.day >= ((m.month at time zone m.time_zone) at time zone 'UTC')::date
           and d.day <= ((((m.month + interval '1 month') at time zone m.time_zone) - interval '1 microsecond') at time zone 'UTC')::date)
     order by m.month`,
  );
  const raw: RawRange[] = [];
  let cursor = from;
  for (const row of rows) {
    const start = new Date(row.start);
    if (cursor < start) raw.push({ from: cursor, to: start });
    cursor = new Date(row.end);
  }
  if (cursor < to) raw.push({ from: cursor, to });
  return { months: rows.map((r) => r.month), raw };
}

/** `column` within any of the ranges (false for none). */
export function inRanges(column: Sql, ranges: RawRange[]): Sql {
  if (!ranges.length) return sql`false`;
  return sql`(${join(
    ranges.map((r) => sql`(${column} >= ${r.from} and ${column} < ${r.to})`),
    ' or ',
  )})`;
}

/**
 * Runs `work` with its plan in one REPEATABLE READ transaction (marks, rollup
 * rows and the rows themselves seen at one moment), JIT off as for every
 * analytics statement. `rollup: false` reads everything from the rows (the
 * exactness tests compare both).
 */
export async function withPlan<T>(
  em: EntityManager,
  zone: string,
  from: Date,
  to: Date,
  rollup: boolean,
  work: (tx: EntityManager, plan: RulePlan) => Promise<T>,
): Promise<T> {
  return em.transactional(
    async (tx) => {
      const t = tx as EntityManager;
      // Sums over a year of monthly rows: in memory rather than in temporary files.
      await query(t, sql`set local jit = off`);
      await query(t, sql`set local work_mem = '64MB'`);
      const plan = rollup ? await planRuleRollup(t, zone, from, to) : { months: [], raw: [{ from, to }] };
      return work(t, plan);
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}
