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
 * `insert into <table> (<columns>) values (...), ...` for plain rows (column
 * name → value; a value may be an `sql` fragment such as
 * sql`gen_random_uuid()`). The columns are every key of any row; a row
 * without one gets the column's default. Append `on conflict ...` with `sql`.
 */
export function insertInto(table: string, rows: readonly Record<string, unknown>[]): Sql {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const values = rows.map((row) => sql`(${join(columns.map((column) => (column in row ? row[column] : raw('default'))))})`);
  return sql`insert into ${identifier(table)} (${join(columns.map(identifier))}) values ${join(values)}`;
}

/** `on conflict (<keys>) do update set <column> = excluded.<column>, ...`, or `do nothing` when `update` is empty. */
export function onConflict(keys: readonly string[], update: readonly string[] = []): Sql {
  const target = sql`on conflict (${join(keys.map(identifier))})`;
  if (!update.length) return sql`${target} do nothing`;
  return sql`${target} do update set ${join(update.map((column) => sql`${identifier(column)} = excluded.${identifier(column)}`))}`;
}

/** The id of the row of `table` whose `column` is `value`, as a value for a row (`sector_id: idWhere('sector', 'code', code)`). */
export function idWhere(table: string, column: string, value: unknown): Sql {
  return sql`(select id from ${identifier(table)} where ${identifier(column)} = ${value})`;
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
