import type { EntityClass, EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entityView } from '../../db/entity-view.js';
import { identifier, query, sql } from '../../db/sql.js';
import { loadReferenceDirectory, type ReferenceDirectory } from './reference-directory.js';

type Versions = ReadonlyMap<string, string>;

/** Above this many rows a table's cache starts over (reference tables hold hundreds). */
const MAX_ROWS_PER_TABLE = 50_000;

/** The counters of reference_version, read in one statement. */
export async function readReferenceVersions(em: EntityManager): Promise<Versions> {
  const rows = await query<{ table_name: string; version: string }>(em, sql`select table_name, version::text as version from reference_version`, {
    prepared: true,
  });
  return new Map(rows.map((row) => [row.table_name, row.version]));
}

interface TableCache {
  version: string;
  rows: Map<string, object>;
}

/** How long a process keeps the reference directory at most before it reads it again. */
export const DIRECTORY_MS = 30_000;
/** The tables the directory is read from. */
const DIRECTORY_TABLES = ['organization', 'sector', 'category', 'municipality'];

/** A read of the directory: the counters first, then the rows. */
export interface DirectoryRead {
  versions: Promise<Versions>;
  directory: Promise<ReferenceDirectory>;
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
 * The same cache keeps the lifecycle's reference directory (every body,
 * sector, category and municipality, for validating and routing an intake
 * with no query per row): see `directory`.
 *
 * One cache per MikroORM instance (tests run several apps, each on its own database).
 */
export class ReferenceCache {
  private static readonly instances = new WeakMap<object, ReferenceCache>();
  private readonly tables = new Map<string, TableCache>();
  private readonly tableNames = new WeakMap<EntityClass<object>, string>();
  /** The newest counters any request of this process has read. */
  private latest: Versions | null = null;
  private directoryRead: (DirectoryRead & { at: number }) | null = null;

  /** `clock`: milliseconds now (tests move it). */
  constructor(private readonly clock: () => number = Date.now) {}

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

  /** True when counters read since differ from `versions` for one of `tables`. */
  changedSince(versions: Versions, tables: readonly string[]): boolean {
    const latest = this.latest;
    return latest !== null && tables.some((table) => (latest.get(table) ?? '0') !== (versions.get(table) ?? '0'));
  }

  /**
   * The reference directory as this process last read it. Read again after
   * DIRECTORY_MS, at once when a request of this process has seen the
   * tables' counters move since it was read (a registration does not read
   * the counters itself), after a failed read, and with `fresh: true` (a
   * lookup missed: a row another process added since). Concurrent callers
   * share one read.
   */
  directory(em: EntityManager, options: { fresh?: boolean } = {}): Promise<ReferenceDirectory> {
    return this.directoryBy(() => {
      const fork = em.fork() as EntityManager;
      // The counters before the rows: a row can only be newer than the counters it is filed under.
      const versions = readReferenceVersions(fork);
      return { versions, directory: versions.then(() => loadReferenceDirectory(fork)) };
    }, options);
  }

  /** `directory` with the read given (tests read no database). */
  async directoryBy(read: () => DirectoryRead, options: { fresh?: boolean } = {}): Promise<ReferenceDirectory> {
    const entry = this.directoryRead;
    if (entry && !options.fresh && this.clock() - entry.at < DIRECTORY_MS) {
      const versions = await entry.versions;
      if (!this.changedSince(versions, DIRECTORY_TABLES)) return entry.directory;
    }
    const next = { ...read(), at: this.clock() };
    this.directoryRead = next;
    next.directory.catch(() => {
      if (this.directoryRead === next) this.directoryRead = null;
    });
    return next.directory;
  }

  /** Rows by primary key in key order (null where none), reading only the ones not cached at `versions`. */
  async load<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, ids: readonly string[], versions: Versions): Promise<(T | null)[]> {
    const meta = em.getMetadata().get(entity.name) as EntityMetadata;
    const table = this.table(meta.tableName, versions.get(meta.tableName) ?? '0');
    const missing = [...new Set(ids.filter((id) => !table.rows.has(id)))];
    if (missing.length) {
      const rows = await query(em, sql`select * from ${identifier(meta.tableName)} where id = any(${missing}::uuid[])`);
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
