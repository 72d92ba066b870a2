import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, EntityName } from '@mikro-orm/core';
import { ReferenceCache, readReferenceVersions } from './reference-cache.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { Category, Municipality, Organization, Sector, User } from '../../entities/index.js';

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

/** The reference tables' change counters as one request reads them: once, by whoever needs them first. */
class RequestReferenceVersions {
  private pending: Promise<ReadonlyMap<string, string>> | null = null;
  /** Set once read: from then on cached rows are served without a promise. */
  known: ReadonlyMap<string, string> | null = null;

  constructor(private readonly em: () => EntityManager) {}

  /** Counters the request has read with another statement (its caller's account): taken if none were read yet. */
  know(versions: ReadonlyMap<string, string>): void {
    if (this.pending) return;
    ReferenceCache.of(this.em()).saw(versions);
    this.known = versions;
    this.pending = Promise.resolve(versions);
  }

  read(): Promise<ReadonlyMap<string, string>> {
    return (this.pending ??= readReferenceVersions(this.em()).then((versions) => {
      ReferenceCache.of(this.em()).saw(versions);
      return (this.known = versions);
    }));
  }
}

/**
 * By-id reads of reference data that requests only read (bodies,
 * municipalities, sectors, categories): rows from the process's reference
 * cache, checked against the tables' change counters once per request
 * (reference-cache.ts), as frozen read-only views (entity-view.ts). Once the
 * request knows the counters, a cached row is returned as it is, not as a
 * promise: a page of appeals resolves its relations without a promise each.
 */
export class ReferenceLoader<T extends { id: string }> {
  private readonly batched: DataLoader<string, T | null>;

  constructor(
    private readonly em: () => EntityManager,
    private readonly versions: RequestReferenceVersions,
    private readonly entity: EntityClass<T>,
  ) {
    this.batched = new DataLoader<string, T | null>(async (ids) => {
      const em = this.em();
      // A client's ID that is no UUID finds nothing (rather than a cast error from PostgreSQL).
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await ReferenceCache.of(em).load(em, entity, valid, await versions.read()) : [];
      const found = new Map(rows.map((row, index) => [valid[index], row]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  load(id: string): T | null | Promise<T | null> {
    const known = this.versions.known;
    if (known) {
      const em = this.em();
      const row = ReferenceCache.of(em).peek(em, this.entity, id, known);
      if (row !== undefined) return row;
    }
    return this.batched.load(id);
  }
}

/**
 * Fresh DataLoaders for each request (or each WebSocket operation), so
 * nothing is cached across callers with different access.
 */
export class Loaders {
  readonly organization: ReferenceLoader<Organization>;
  readonly municipality: ReferenceLoader<Municipality>;
  readonly sector: ReferenceLoader<Sector>;
  readonly category: ReferenceLoader<Category>;
  readonly user: DataLoader<string, User | null>;
  private readonly custom = new Map<string, DataLoader<unknown, unknown>>();
  private readonly em: () => EntityManager;
  private readonly referenceVersions: RequestReferenceVersions;

  /**
   * `reference`: by-id loaders to reuse instead of fresh ones. They hold no
   * access logic, so live updates share them among the subscribers of one
   * event (one query for a thousand subscribers); `named` ones stay fresh.
   */
  constructor(em: EntityManager | (() => EntityManager), reference?: ReferenceLoaders) {
    // A function: the EntityManager is made on first use (live updates fork one per event only if needed).
    this.em = typeof em === 'function' ? em : () => em;
    const versions = (this.referenceVersions = new RequestReferenceVersions(this.em));
    this.organization = reference?.organization ?? new ReferenceLoader(this.em, versions, Organization);
    this.municipality = reference?.municipality ?? new ReferenceLoader(this.em, versions, Municipality);
    this.sector = reference?.sector ?? new ReferenceLoader(this.em, versions, Sector);
    this.category = reference?.category ?? new ReferenceLoader(this.em, versions, Category);
    this.user = reference?.user ?? byId(this.em, User);
  }

  /**
   * Reads the reference tables' counters now, so that the relations of the
   * rows about to be returned are served from the cache without promises.
   * For list resolvers, in parallel with their own statement.
   */
  prepareReference(): Promise<unknown> {
    return this.referenceVersions.read();
  }

  /**
   * The reference tables' counters as this request read them with another
   * statement (authenticate.ts reads them with the caller's account): the
   * request then reads no counters of its own. Ignored once it has read them.
   */
  knowReferenceVersions(versions: ReadonlyMap<string, string>): void {
    this.referenceVersions.know(versions);
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
