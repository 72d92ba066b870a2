import type { EntityClass, EntityName } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import type { RequestContext } from '../graphql/context.js';
import { batchById } from '../graphql/loaders.js';
import { readPageArgs, toConnection, type Connection, type CursorKind } from '../graphql/pagination.js';
import { canSeePersonalData } from '../auth/personal-data.js';

/** A reference row by id, batched per request (no N+1 when a list resolves it). */
export function loadById<T extends { id: string }>(ctx: RequestContext, entity: EntityClass<T>, id: string): Promise<T | null> {
  return ctx.loaders.named<string, T>(`${entity.name}:id`, batchById(entity as EntityName<T>)).load(id);
}

/** A reference row by a unique property other than the id (an INN, a code), batched per request. */
export function loadByKey<T extends object>(ctx: RequestContext, entity: EntityClass<T>, property: keyof T & string, key: string): Promise<T | null> {
  return ctx.loaders
    .named<string, T>(`${entity.name}:${property}`, async (keys, em) => {
      const rows = (await em.find(entity, { [property]: { $in: [...keys] } } as never)) as T[];
      const byKey = new Map(rows.map((row) => [String(row[property]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    })
    .load(key);
}

/** Personal data of a plugin's details (СНИЛС, policy, account number): null for roles without access (152-ФЗ). */
export function personalData<T>(ctx: RequestContext, value: T | null | undefined): T | null {
  return canSeePersonalData(ctx.user) ? (value ?? null) : null;
}

export interface ReferencePageArgs {
  first?: number | null;
  after?: string | null;
}

export interface ReferencePageOptions<T> {
  entity: EntityClass<T>;
  args: ReferencePageArgs;
  /** Conditions on the table, aliased `t` (`q.where('t.municipality_id', id)`). */
  where?: (query: Knex.QueryBuilder) => void;
  /** The property to order by (then by id); `name` unless said otherwise. */
  orderBy?: keyof T & string;
}

/**
 * A Relay connection over a plugin's reference table: keyset pagination on
 * (orderBy, id), filters in SQL, `totalCount` counted only when selected.
 */
export async function referencePage<T extends { id: string }>(ctx: RequestContext, options: ReferencePageOptions<T>): Promise<Connection<T>> {
  const meta = ctx.em.getMetadata().get(options.entity.name);
  const property = options.orderBy ?? ('name' as keyof T & string);
  const page = readPageArgs(options.args, [cursorKindOf(meta.properties[property as never]?.type), cursorKindOf(meta.properties['id' as never]?.type)]);
  const column = `t.${meta.properties[property as never]!.fieldNames[0]}`;
  const knex = ctx.em.getKnex();
  const base = () => {
    const query = knex(`${meta.tableName} as t`);
    options.where?.(query);
    return query;
  };
  const query = base().select('t.*');
  if (page.cursor) query.whereRaw(`(${column}, t.id) > (?, ?)`, page.cursor as [string, string]);
  const rows = await ctx.em.getConnection().execute(query.orderBy([{ column }, { column: 't.id' }]).limit(page.limit + 1));
  const entities = rows.map((row) => ctx.em.map(options.entity, row as never));
  return toConnection(
    entities,
    page,
    (row) => [row[property], row.id],
    async () => {
      const [{ count }] = await ctx.em.getConnection().execute(base().count({ count: '*' }));
      return Number(count);
    },
  );
}

/** Escapes a user's search words for ILIKE. */
export function likePattern(search: string): string {
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
