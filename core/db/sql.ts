import pg from 'pg';
import sqlTag, { join, raw, empty, bulk, Sql } from 'sql-template-tag';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from './pg-query.js';

/**
 * The one way to write SQL by hand (docs/sql.md): a tagged template whose
 * values become `$n` parameters, never text. Fragments nest
 * (`sql\`... where ${condition}\``), lists join (`join([...], ' and ')`),
 * and a JS array is bound as one PostgreSQL array (`= any(${ids}::uuid[])`).
 * Aggregates are written through the EntityManager; reads, hot paths and
 * analytics through `query`.
 */
export const sql = sqlTag;
export { join, raw, empty, bulk, Sql };

/** An identifier (a table or column name from metadata, never from a user), quoted. */
export function identifier(name: string): Sql {
  return raw(pg.escapeIdentifier(name));
}

/** Conditions joined by `and`; `true` when there are none. */
export function and(conditions: readonly Sql[]): Sql {
  return conditions.length ? join(conditions, ' and ') : sql`true`;
}

/**
 * Runs a statement on the EntityManager's connection (its transaction's, if
 * it has one) and returns its rows. `prepared`: a named statement, parsed
 * and planned once per connection; only for fixed texts.
 */
export function query<T = Record<string, unknown>>(em: EntityManager, statement: Sql, options: { prepared?: boolean } = {}): Promise<T[]> {
  return pgQuery<T>(em, statement.text, statement.values, options);
}

/** The first row of a statement, or null. */
export async function queryOne<T = Record<string, unknown>>(em: EntityManager, statement: Sql, options: { prepared?: boolean } = {}): Promise<T | null> {
  const rows = await query<T>(em, statement, options);
  return rows[0] ?? null;
}
