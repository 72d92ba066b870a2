import type { EntityClass, EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entityView } from '../db/entity-view.js';
import { textArray } from '../db/sql-array.js';

type Versions = ReadonlyMap<string, string>;

/** Above this many rows a table's cache starts over (reference tables hold hundreds). */
const MAX_ROWS_PER_TABLE = 50_000;

/** The counters of reference_version, read in one statement. */
export async function readReferenceVersions(em: EntityManager): Promise<Versions> {
  const moment = referenceMoment();
  const rows: { table_name: string; version: string }[] = await em.getConnection().execute('select table_name, version::text as version from reference_version');
  const versions = new Map(rows.map((row) => [row.table_name, row.version]));
  ReferenceCache.of(em).saw(versions, moment);
  return versions;
}

/**
 * A SQL expression for the counters as one JSON object, for a statement a
 * request sends anyway (the caller's account): `referenceVersionsFromJson`
 * then files them, so the request's reference reads need no statement of
 * their own.
 */
export const REFERENCE_VERSIONS_SQL = `(select coalesce(json_object_agg(table_name, version::text), '{}'::json) from reference_version)`;

/** Files counters read by REFERENCE_VERSIONS_SQL in a statement sent after `moment` was taken. */
export function referenceVersionsFromJson(em: EntityManager, json: Record<string, string> | null | undefined, moment: number): void {
  if (json) ReferenceCache.of(em).saw(new Map(Object.entries(json)), moment);
}

let moments = 0;
/**
 * A point in this process's sequence of events: taken when a request begins
 * and when a statement reading the counters is sent. Counters read by a
 * statement sent after a request began are as fresh as that request needs
 * (everything committed before it began is in them).
 */
export function referenceMoment(): number {
  return ++moments;
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
  /** The newest counters any request of this process has read, and when their statement was sent. */
  private latest: Versions | null = null;
  private latestMoment = 0;

  static of(em: EntityManager): ReferenceCache {
    const key = em.getDriver();
    let cache = ReferenceCache.instances.get(key);
    if (!cache) ReferenceCache.instances.set(key, (cache = new ReferenceCache()));
    return cache;
  }

  /** Records counters read by a statement sent at `moment` (kept if no later one is known). */
  saw(versions: Versions, moment: number): void {
    if (moment < this.latestMoment) return;
    this.latest = versions;
    this.latestMoment = moment;
  }

  /** Counters read by a statement sent after `moment`, if the process has any. */
  readSince(moment: number): Versions | null {
    return this.latestMoment > moment ? this.latest : null;
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
      const rows: Record<string, unknown>[] = await em
        .getConnection()
        .execute(em.getKnex()(meta.tableName).select('*').whereRaw('id = any(?::uuid[])', [textArray(missing)]));
      if (table.rows.size + rows.length > MAX_ROWS_PER_TABLE) table.rows.clear();
      const toView = entityView(em, entity);
      for (const row of rows) table.rows.set(row.id as string, Object.freeze(toView(row)));
    }
    return ids.map((id) => (table.rows.get(id) as T | undefined) ?? null);
  }

  /** The cached row now (null: no such row; undefined: not cached at `versions`), with no statement. */
  peek<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, id: string, versions: Versions): T | null | undefined {
    const meta = em.getMetadata().get(entity.name) as EntityMetadata;
    const cached = this.tables.get(meta.tableName);
    if (!cached || cached.version !== (versions.get(meta.tableName) ?? '0')) return undefined;
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
