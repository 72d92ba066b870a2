import type { EntityClass, EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entityView } from '../db/entity-view.js';
import { textArray } from '../db/sql-array.js';
import { pgQuery } from '../db/pg-query.js';

type Versions = ReadonlyMap<string, string>;

/** Above this many rows a table's cache starts over (reference tables hold hundreds). */
const MAX_ROWS_PER_TABLE = 50_000;

/** The counters of reference_version, read in one statement. */
export async function readReferenceVersions(em: EntityManager): Promise<Versions> {
  const rows = await pgQuery<{ table_name: string; version: string }>(em, 'select table_name, version::text as version from reference_version', [], {
    prepared: true,
  });
  return new Map(rows.map((row) => [row.table_name, row.version]));
}

interface TableCache {
  version: string;
  rows: Map<string, object>;
}

/**
 * Rows of the reference tables (bodies, municipalities, sectors, categories)
 * kept by the process between requests, as frozen read-only views
 * (entity-view.ts). Every request compares the tables' change counters
 * (reference_version, bumped by a trigger in the changing transaction) once,
 * before its first read: a table whose counter moved is dropped and read
 * again, so a committed change is seen by the next request in every process,
 * with no notification channel. The counters are read before the rows, so a
 * row can only be newer than the counter it is filed under, never older.
 *
 * One cache per MikroORM instance (tests run several apps, each on its own database).
 */
export class ReferenceCache {
  private static readonly instances = new WeakMap<object, ReferenceCache>();
  private readonly tables = new Map<string, TableCache>();
  private readonly tableNames = new WeakMap<EntityClass<object>, string>();
  /** The newest counters any request of this process has read. */
  private latest: Versions | null = null;

  static of(em: EntityManager): ReferenceCache {
    const key = em.getDriver();
    let cache = ReferenceCache.instances.get(key);
    if (!cache) ReferenceCache.instances.set(key, (cache = new ReferenceCache()));
    return cache;
  }

  /** Records counters a request read (the newest known to the process). */
  saw(versions: Versions): void {
    this.latest = versions;
  }

  /**
   * True when counters read since differ from `versions` for one of `tables`:
   * for caches of their own (the lifecycle's reference directory) that cannot
   * afford a read of the counters on every use.
   */
  changedSince(versions: Versions, tables: readonly string[]): boolean {
    const latest = this.latest;
    return latest !== null && tables.some((table) => (latest.get(table) ?? '0') !== (versions.get(table) ?? '0'));
  }

  /** Rows by primary key in key order (null where none), reading only the ones not cached at `versions`. */
  async load<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, ids: readonly string[], versions: Versions): Promise<(T | null)[]> {
    const meta = em.getMetadata().get(entity.name) as EntityMetadata;
    const table = this.table(meta.tableName, versions.get(meta.tableName) ?? '0');
    const missing = [...new Set(ids.filter((id) => !table.rows.has(id)))];
    if (missing.length) {
      const rows: Record<string, unknown>[] = await em.getConnection().execute(
        em
          .getKnex()(meta.tableName)
          .select('*')
          .whereRaw('id = any(?::uuid[])', [textArray(missing)]),
      );
      if (table.rows.size + rows.length > MAX_ROWS_PER_TABLE) table.rows.clear();
      const toView = entityView(em, entity);
      for (const row of rows) table.rows.set(row.id as string, Object.freeze(toView(row)));
    }
    return ids.map((id) => (table.rows.get(id) as T | undefined) ?? null);
  }

  /** The cached row now (null: no such row; undefined: not cached at `versions`), with no statement. */
  peek<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, id: string, versions: Versions): T | null | undefined {
    // Called for every relation of every row of a page: the table name is looked up once per entity.
    let tableName = this.tableNames.get(entity);
    if (tableName === undefined) this.tableNames.set(entity, (tableName = (em.getMetadata().get(entity.name) as EntityMetadata).tableName));
    const cached = this.tables.get(tableName);
    if (!cached || cached.version !== (versions.get(tableName) ?? '0')) return undefined;
    return cached.rows.get(id) as T | undefined;
  }

  private table(name: string, version: string): TableCache {
    const cached = this.tables.get(name);
    if (cached && cached.version === version) return cached;
    const fresh: TableCache = { version, rows: new Map() };
    this.tables.set(name, fresh);
    return fresh;
  }
}
