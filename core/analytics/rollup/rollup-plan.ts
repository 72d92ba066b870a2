import { join, raw, sql, type Sql } from '../../db/sql.js';
import type { AnalyticsWork } from '../measures/analytics-context.js';
import type { Alias } from '../measures/appeal-conditions.js';

/** A half-open range of received_at; a null bound is open. */
export interface Range {
  from: Date | null;
  to: Date | null;
}

/** How a question over a period splits between the rollup and the raw appeals. */
export interface RollupPlan {
  /** Local months (`YYYY-MM-01 00:00:00`) read from the rollup: held, clean, within the period. */
  months: string[];
  /** The same months as ranges of received_at (adjacent ones merged). */
  served: Range[];
  /** The rest of the period, read from `appeal`. */
  raw: Range[];
  /** Served months with a due date after `settledBy` (only with `correctDue`): their "due in the period" is corrected live. */
  unsettled: Range[];
  /** The same months as `months` entries (from planRollup). */
  unsettledMonths?: string[];
  /** Each of `months` with its first instant and the next month's (from planRollup). */
  bounds?: { month: string; from: Date; to: Date }[];
}

/** Months to merge into ranges of received_at (adjacent ones joined). */
function rangesOf(rows: { start: string; end: string }[]): Range[] {
  const out: Range[] = [];
  for (const row of rows) {
    const start = new Date(row.start);
    const end = new Date(row.end);
    const last = out.at(-1);
    if (last && last.to!.getTime() === start.getTime()) last.to = end;
    else out.push({ from: start, to: end });
  }
  return out;
}

/**
 * Months the rollup may answer for [from, to): cut in this time zone, wholly
 * inside the period, with no change marked on any of their days since their
 * refresh (analytics_dirty), and — for ratings' "due in the period" — whose
 * last due date is not after `settledBy` (with `correctDue`, such months are
 * served too and listed as `unsettled`, for the caller to subtract the
 * appeals due after `settledBy` live). Run in the same transaction
 * (REPEATABLE READ) as the question itself, so that marks, cells and appeals
 * are read at one moment.
 */
export async function planRollup(
  run: AnalyticsWork,
  zone: string,
  from: Date | null,
  to: Date | null,
  settledBy: Date | null = null,
  correctDue = false,
): Promise<RollupPlan> {
  const rows = await run(
    sql`select to_char(m.month, 'YYYY-MM-DD HH24:MI:SS') as month, m.month at time zone m.time_zone as start,
       (m.month + interval '1 month') at time zone m.time_zone as "end",
       coalesce(m.max_due_at > ${settledBy}::timestamptz, false) as unsettled
     from analytics_rollup_month m
     where m.time_zone = ${zone}
       and (${from}::timestamptz is null or m.month at time zone m.time_zone >= ${from}::timestamptz)
       and (${to}::timestamptz is null or (m.month + interval '1 month') at time zone m.time_zone <= ${to}::timestamptz)
       and (${correctDue} or ${settledBy}::timestamptz is null or m.max_due_at is null or m.max_due_at <= ${settledBy}::timestamptz)
       and not exists (
         select 1 from analytics_dirty d
         where d.day >= ((m.month at time zone m.time_zone) at time zone 'UTC')::date
           and d.day <= ((((m.month + interval '1 month') at time zone m.time_zone) - interval '1 microsecond') at time zone 'UTC')::date)
     order by m.month`,
  );
  const served = rangesOf(rows as { start: string; end: string }[]);
  const raw: Range[] = [];
  let cursor: Date | null = from; // null: from the beginning of time
  for (const range of served) {
    if (cursor == null || cursor < range.from!) raw.push({ from: cursor, to: range.from });
    cursor = range.to;
  }
  if (to == null || cursor == null || cursor < to) raw.push({ from: cursor, to });
  const unsettled = rangesOf(rows.filter((r) => r.unsettled) as { start: string; end: string }[]);
  const unsettledMonths = rows.filter((r) => r.unsettled).map((r) => r.month as string);
  const bounds = rows.map((r) => ({ month: r.month as string, from: new Date(r.start as string), to: new Date(r.end as string) }));
  return { months: rows.map((r) => r.month as string), served, raw, unsettled, unsettledMonths, bounds };
}

/** `received_at` within any of the ranges (false for none); `m`: appeal_announcement's copy of it. */
export function rangesCondition(ranges: Range[], alias: Alias | 'm' = 'a'): Sql {
  if (!ranges.length) return sql`false`;
  const a = raw(alias);
  const parts = ranges.map((range) => {
    const sides: Sql[] = [];
    if (range.from) sides.push(sql`${a}.received_at >= ${range.from}`);
    if (range.to) sides.push(sql`${a}.received_at < ${range.to}`);
    return sides.length ? sql`(${join(sides, ' and ')})` : sql`true`;
  });
  return sql`(${join(parts, ' or ')})`;
}

/** The rollup cells of the planned months. */
export function monthsCondition(months: string[], alias: Alias = 'r'): Sql {
  return sql`${raw(alias)}.month = any(${months}::timestamp[])`;
}
