import type { Sql } from './sql.js';
import { textArray } from './sql-array.js';

/** What the bridge needs of a knex query builder (structural: no knex import). */
export interface WhereRawBuilder {
  whereRaw(...args: never[]): unknown;
}

/**
 * TEMPORARY (docs/sql.md): adds a condition written with `sql` to a knex
 * builder, for the callers still on knex (the files in KNEX_BEING_REMOVED,
 * eslint.config.js) while they move to core/db/sql.ts. knex spreads a JS
 * array bound to `?` into a list, so arrays go as one array literal. Deleted
 * with the last of those callers.
 */
export function whereSql<Q extends WhereRawBuilder>(query: Q, condition: Sql): Q {
  const values = condition.values.map((value) => (Array.isArray(value) ? textArray(value.map(String)) : value));
  // knex's whereRaw adds to the builder itself (and returns it).
  (query as unknown as { whereRaw(text: string, bindings: unknown[]): unknown }).whereRaw(condition.sql, values);
  return query;
}
