import { DateTime } from 'luxon';
import { sql, type Sql } from '../db/sql.js';

/**
 * The human registration number: region code, year, and a number from a
 * database sequence, e.g. `12-2026-0001234`. Unique by construction, also
 * across processes.
 */
export function appealNumberSql(regionCode: string, year: number): Sql {
  return sql`${appealNumberPrefix(regionCode, year)}::text || lpad(nextval('appeal_number_seq')::text, 7, '0')`;
}

/** `12-2026-`: what precedes the sequence number. */
export function appealNumberPrefix(regionCode: string, year: number): string {
  return `${regionCode}-${year}-`;
}

const years = new Map<string, { year: number; from: number; to: number }>();

/** The prefix of numbers registered at `at`: the year is the one in `timeZone` (its bounds kept, so that luxon runs once a year per zone). */
export function appealNumberPrefixAt(regionCode: string, at: Date, timeZone: string): string {
  const time = at.getTime();
  let year = years.get(timeZone);
  if (!year || time < year.from || time >= year.to) {
    const local = DateTime.fromMillis(time, { zone: timeZone });
    year = { year: local.year, from: local.startOf('year').toMillis(), to: local.startOf('year').plus({ years: 1 }).toMillis() };
    years.set(timeZone, year);
  }
  return appealNumberPrefix(regionCode, year.year);
}

/** The number as an SQL expression, for fixed statement text: `prefix` is the placeholder of the prefix (`$2`). */
export function appealNumberExpression(prefix: string): string {
  return `${prefix}::text || lpad(nextval('appeal_number_seq')::text, 7, '0')`;
}

/**
 * `$1` numbers of the sequence, ascending, taken now: for rows written later
 * with reserved numbers (an import's chunks written side by side take theirs
 * in the import's order). Unused ones are gaps, as the sequence values of a
 * rolled-back insert are.
 */
export const RESERVE_NUMBERS_SQL = `select coalesce(array_agg(n order by n), '{}')::text[] as numbers
  from (select nextval('appeal_number_seq') as n from generate_series(1, $1::int)) s`;
