import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, EntityName } from '@mikro-orm/core';
import { entityView } from '../db/entity-view.js';
import { textArray } from '../db/sql-array.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { Category, Municipality, Organization, Sector, User } from '../entities/index.js';

/** A batch function by primary key: one `where id in (...)` per batch, results in key order. */
export function batchById<T extends { id: string }>(entity: EntityName<T>) {
  return async (ids: readonly string[], em: EntityManager): Promise<(T | null)[]> => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  };
}

function byId<T extends { id: string }>(em: () => EntityManager, entity: EntityName<T>) {
  const batch = batchById(entity);
  return new DataLoader<string, T | null>((ids) => batch(ids, em()));
}

export type ReferenceLoaders = Pick<Loaders, 'organization' | 'municipality' | 'sector' | 'category' | 'user'>;

/**
 * For reference data that requests only read (bodies, municipalities,
 * sectors, categories): one `select ... where id = any(...)`, rows mapped to
 * read-only views instead of managed entities (see entity-view.ts).
 */
function viewById<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    // A client's ID that is no UUID finds nothing (rather than a cast error from PostgreSQL).
    const valid = ids.filter((id) => UUID.test(id));
    const meta = em.getMetadata().get(entity.name);
    const knex = em.getKnex();
    const rows: Record<string, unknown>[] = valid.length
      ? await em.getConnection().execute(knex(meta.tableName).select('*').whereRaw('id = any(?::uuid[])', [textArray(valid)]))
      : [];
    const toView = entityView(em, entity);
    const found = new Map(rows.map((row) => [row.id as string, toView(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/**
 * Fresh DataLoaders for each request (or each WebSocket operation), so
 * nothing is cached across callers with different access.
 */
export class Loaders {
  readonly organization: DataLoader<string, Organization | null>;
  readonly municipality: DataLoader<string, Municipality | null>;
  readonly sector: DataLoader<string, Sector | null>;
  readonly category: DataLoader<string, Category | null>;
  readonly user: DataLoader<string, User | null>;
  private readonly custom = new Map<string, DataLoader<unknown, unknown>>();
  private readonly em: () => EntityManager;

  /**
   * `reference`: by-id loaders to reuse instead of fresh ones. They hold no
   * access logic, so live updates share them among the subscribers of one
   * event (one query for a thousand subscribers); `named` ones stay fresh.
   */
  constructor(em: EntityManager | (() => EntityManager), reference?: ReferenceLoaders) {
    // A function: the EntityManager is made on first use (live updates fork one per event only if needed).
    this.em = typeof em === 'function' ? em : () => em;
    this.organization = reference?.organization ?? byId(this.em, Organization);
    this.municipality = reference?.municipality ?? byId(this.em, Municipality);
    this.sector = reference?.sector ?? byId(this.em, Sector);
    this.category = reference?.category ?? byId(this.em, Category);
    this.user = reference?.user ?? byId(this.em, User);
  }

  /**
   * A loader registered by name, created on first use in this request. Plugins
   * use it for their own tables (e.g. the details row of an appeal).
   */
  named<K, V>(name: string, batch: (keys: readonly K[], em: EntityManager) => Promise<(V | null)[]>): DataLoader<K, V | null> {
    let loader = this.custom.get(name);
    if (!loader) {
      loader = new DataLoader<K, V | null>((keys) => batch(keys, this.em())) as DataLoader<unknown, unknown>;
      this.custom.set(name, loader);
    }
    return loader as DataLoader<K, V | null>;
  }
}
