import type { Knex } from '@mikro-orm/postgresql';

/**
 * The human registration number: region code, year, and a number from a
 * database sequence, e.g. `12-2026-0001234`. Unique by construction, also
 * across processes.
 */
export function appealNumberSql(knex: Knex, regionCode: string, year: number): Knex.Raw {
  return knex.raw(`? || lpad(nextval('appeal_number_seq')::text, 7, '0')`, [`${regionCode}-${year}-`]);
}
