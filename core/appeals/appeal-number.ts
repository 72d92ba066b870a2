import type { Knex } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';

/**
 * The human registration number: region code, year, and a number from a
 * database sequence, e.g. `12-2026-0001234`. Unique by construction, also
 * across processes.
 */
export function appealNumberSql(knex: Knex, regionCode: string, year: number): Knex.Raw {
  return knex.raw(`? || lpad(nextval('appeal_number_seq')::text, 7, '0')`, [appealNumberPrefix(regionCode, year)]);
}

/** `12-2026-`: what precedes the sequence number. */
export function appealNumberPrefix(regionCode: string, year: number): string {
  return `${regionCode}-${year}-`;
}

/** The prefix of numbers registered at `at`: the year is the one in `timeZone`. */
export function appealNumberPrefixAt(regionCode: string, at: Date, timeZone: string): string {
  return appealNumberPrefix(regionCode, DateTime.fromJSDate(at, { zone: timeZone }).year);
}

/** The number as an SQL expression, for fixed statement text: `prefix` is the placeholder of the prefix (`$2`). */
export function appealNumberExpression(prefix: string): string {
  return `${prefix}::text || lpad(nextval('appeal_number_seq')::text, 7, '0')`;
}
