import type { Knex } from '@mikro-orm/postgresql';
import { textArray } from '../../db/sql-array.js';

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
}

/** Runs SQL with `?` placeholders (knex.raw) in the question's transaction. */
export type Exec = (sql: string, bindings?: unknown[]) => Promise<Record<string, any>[]>;

/**
 * Months the rollup may answer for [from, to): cut in this time zone, wholly
 * inside the period, with no change marked on any of their days since their
 * refresh (analytics_dirty), and — for ratings' "due in the period" — whose
 * last due date is not after `settledBy`. Run in the same transaction
 * (REPEATABLE READ) as the question itself, so that marks, cells and appeals
 * are read at one moment.
 */
export async function planRollup(exec: Exec, zone: string, from: Date | null, to: Date | null, settledBy: Date | null = null): Promise<RollupPlan> {
  const rows = await exec(
    `select to_char(m.month, 'YYYY-MM-DD HH24:MI:SS') as month, m.month at time zone m.time_zone as start,
       (m.month + interval '1 month') at time zone m.time_zone as "end"
     from analytics_rollup_month m
     where m.time_zone = ?
       and (?::timestamptz is null or m.month at time zone m.time_zone >= ?::timestamptz)
       and (?::timestamptz is null or (m.month + interval '1 month') at time zone m.time_zone <= ?::timestamptz)
       and (?::timestamptz is null or m.max_due_at is null or m.max_due_at <= ?::timestamptz)
       and not exists (
         select 1 from analytics_dirty d
         where d.day >= ((m.month at time zone m.time_zone) at time zone 'UTC')::date
           and d.day <= ((((m.month + interval '1 month') at time zone m.time_zone) - interval '1 microsecond') at time zone 'UTC')::date)
     order by m.month`,
    [zone, from, from, to, to, settledBy, settledBy],
  );
  const served: Range[] = [];
  for (const row of rows) {
    const start = new Date(row.start);
    const end = new Date(row.end);
    const last = served.at(-1);
    if (last && last.to!.getTime() === start.getTime()) last.to = end;
    else served.push({ from: start, to: end });
  }
  const raw: Range[] = [];
  let cursor: Date | null = from; // null: from the beginning of time
  for (const range of served) {
    if (cursor == null || cursor < range.from!) raw.push({ from: cursor, to: range.from });
    cursor = range.to;
  }
  if (to == null || cursor == null || cursor < to) raw.push({ from: cursor, to });
  return { months: rows.map((r) => r.month as string), served, raw };
}

/** `received_at` within any of the ranges (false for none). */
export function rangesCondition(knex: Knex, ranges: Range[], alias = 'a'): Knex.Raw {
  if (!ranges.length) return knex.raw('false');
  const parts: string[] = [];
  const bindings: Date[] = [];
  for (const range of ranges) {
    const sides: string[] = [];
    if (range.from) {
      sides.push(`${alias}.received_at >= ?`);
      bindings.push(range.from);
    }
    if (range.to) {
      sides.push(`${alias}.received_at < ?`);
      bindings.push(range.to);
    }
    parts.push(sides.length ? `(${sides.join(' and ')})` : 'true');
  }
  return knex.raw(`(${parts.join(' or ')})`, bindings);
}

/** The rollup cells of the planned months. */
export function monthsCondition(knex: Knex, months: string[], alias = 'r'): Knex.Raw {
  return knex.raw(`${alias}.month = any(?::timestamp[])`, [textArray(months)]);
}
