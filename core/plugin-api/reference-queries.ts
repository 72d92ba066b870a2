import type { EntityClass, EntityName } from '@mikro-orm/core';
import type { PluginContext } from './plugin-context.js';
import { batchById } from '../reference/cache/loaders.js';
import { readPageArgs, toConnection, type Connection, type CursorKind } from '../graphql/pagination.js';
import { canSeePersonalData } from '../auth/personal-data.js';
import { and, identifier, join, query, queryOne, sql, type Sql } from '../db/sql.js';

/** A reference row by id, batched per request (no N+1 when a list resolves it). */
export function loadById<T extends { id: string }>(ctx: PluginContext, entity: EntityClass<T>, id: string): Promise<T | null> {
  return ctx.loaders.named<string, T>(`${entity.name}:id`, batchById(entity as EntityName<T>)).load(id);
}

/** A reference row by a unique property other than the id (an INN, a code), batched per request. */
export function loadByKey<T extends object>(ctx: PluginContext, entity: EntityClass<T>, property: keyof T & string, key: string): Promise<T | null> {
  return ctx.loaders
    .named<string, T>(`${entity.name}:${property}`, async (keys, em) => {
      const rows = (await em.find(entity, { [property]: { $in: [...keys] } } as never)) as T[];
      const byKey = new Map(rows.map((row) => [String(row[property]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    })
    .load(key);
}

/** Personal data of a plugin's details (СНИЛС, policy, account number): null for roles without access (152-ФЗ). */
export function personalData<T>(ctx: PluginContext, value: T | null | undefined): T | null {
  return canSeePersonalData(ctx.user) ? (value ?? null) : null;
}

export interface ReferencePageArgs {
  first?: number | null;
  after?: string | null;
}

/** A value of a filter field: null, undefined or an empty text is no condition (the field was not set). */
export type ReferenceFilterValue = string | number | boolean | null | undefined;

/**
 * Conditions on a plugin's reference table, named by the entity's properties
 * (never SQL, never column names); all of them hold:
 *
 * - `equals`: property → value, `{ municipality: f.municipalityId, kind: f.kind }`
 *   (a relation is compared by its id);
 * - `equalsIgnoringCase`: the same for texts, case-insensitive;
 * - `search`: the words (trimmed) found case-insensitively in any of the
 *   properties `in`, or equal to one of `orEquals` (an INN typed whole).
 *   `%` and `_` in the words are literal.
 *
 * A property the entity does not have is a programming error (thrown).
 */
export interface ReferenceFilter {
  equals?: Readonly<Record<string, ReferenceFilterValue>>;
  equalsIgnoringCase?: Readonly<Record<string, string | null | undefined>>;
  search?: { words: string | null | undefined; in: readonly string[]; orEquals?: readonly string[] };
}

export interface ReferencePageOptions<T> {
  entity: EntityClass<T>;
  args: ReferencePageArgs;
  /** Conditions on the table's rows. */
  filter?: ReferenceFilter;
  /** The property to order by (then by id); `name` unless said otherwise. */
  orderBy?: keyof T & string;
}

interface PropertyColumns {
  className: string;
  properties: Record<string, { fieldNames?: string[] } | undefined>;
}

/** `t.<column>` of a property. */
function columnOf(meta: PropertyColumns, property: string): Sql {
  const column = meta.properties[property]?.fieldNames?.[0];
  if (!column) throw new Error(`${meta.className} has no property "${property}" to filter or order by`);
  return sql`t.${identifier(column)}`;
}

const isSet = (value: ReferenceFilterValue): value is string | number | boolean => value != null && value !== '';

/** The SQL of a ReferenceFilter over the table aliased `t`. */
export function referenceFilterSql(meta: PropertyColumns, filter: ReferenceFilter | undefined): Sql {
  const conditions: Sql[] = [];
  for (const [property, value] of Object.entries(filter?.equals ?? {})) {
    if (isSet(value)) conditions.push(sql`${columnOf(meta, property)} = ${value}`);
  }
  for (const [property, value] of Object.entries(filter?.equalsIgnoringCase ?? {})) {
    if (isSet(value)) conditions.push(sql`lower(${columnOf(meta, property)}) = lower(${value})`);
  }
  const words = filter?.search?.words?.trim();
  if (words && filter?.search) {
    const pattern = likePattern(words);
    const found = [
      ...filter.search.in.map((property) => sql`${columnOf(meta, property)} ilike ${pattern}`),
      ...(filter.search.orEquals ?? []).map((property) => sql`${columnOf(meta, property)} = ${words}`),
    ];
    if (found.length) conditions.push(sql`(${join(found, ' or ')})`);
  }
  return and(conditions);
}

/**
 * A Relay connection over a plugin's reference table: keyset pagination on
 * (orderBy, id), filters in SQL, `totalCount` counted only when selected.
 */
export async function referencePage<T extends { id: string }>(ctx: PluginContext, options: ReferencePageOptions<T>): Promise<Connection<T>> {
  const meta = ctx.em.getMetadata().get(options.entity.name);
  const property = options.orderBy ?? ('name' as keyof T & string);
  const page = readPageArgs(options.args, [cursorKindOf(meta.properties[property as never]?.type), cursorKindOf(meta.properties['id' as never]?.type)]);
  const columns = meta as unknown as PropertyColumns;
  const column = columnOf(columns, property);
  const table = sql`${identifier(meta.tableName)} as t`;
  const where = referenceFilterSql(columns, options.filter);
  const after = page.cursor ? sql` and (${column}, t.id) > (${page.cursor[0]}, ${page.cursor[1]})` : sql``;
  const rows = await query(ctx.em, sql`select t.* from ${table} where ${where}${after} order by ${column}, t.id limit ${page.limit + 1}`);
  const entities = rows.map((row) => ctx.em.map(options.entity, row as never));
  return toConnection(
    entities,
    page,
    (row) => [row[property], row.id],
    async () => {
      const row = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from ${table} where ${where}`);
      return Number(row?.count ?? 0);
    },
  );
}

/** Escapes a user's search words for ILIKE. */
function likePattern(search: string): string {
  return `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The kind of a keyset value by its MikroORM property type, so that a forged cursor is refused before SQL. */
function cursorKindOf(type: unknown): CursorKind {
  const name = String(type ?? '').toLowerCase();
  if (name.includes('uuid')) return 'uuid';
  if (/int|number|float|double|decimal|numeric|real/.test(name)) return 'number';
  if (/date|time/.test(name)) return 'timestamp';
  return 'text';
}
