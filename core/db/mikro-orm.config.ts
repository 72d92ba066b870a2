import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { migrationsList } from '../../migrations/index.js';
import { migrationChain } from './migration-chain.js';

/** An entity class as MikroORM takes it. */
export type EntityClass = new (...args: never[]) => object;

export interface OrmSettings {
  url: string;
  /** The core's entity classes (its feature modules', composed in core/app/modules.ts: the database layer names no feature). */
  entities: readonly EntityClass[];
  /** Plugins' entity classes, added to the core's. */
  extraEntities?: readonly EntityClass[];
  /** Plugins' migrations, merged into the core's chain by timestamp. */
  extraMigrations?: readonly MigrationObject[];
  poolMax?: number;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL's statement_timeout for every connection of the pool (DB_STATEMENT_TIMEOUT_MS; 0 or absent: none). */
  statementTimeoutMs?: number;
  /** idle_in_transaction_session_timeout (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS): a transaction left open frees its locks. */
  idleInTransactionTimeoutMs?: number;
}

/** Session settings sent with each connection's start-up packet: no extra round trip per statement or per checkout. */
function sessionLimits(settings: OrmSettings): Record<string, number> {
  const limits: Record<string, number> = {};
  if (settings.statementTimeoutMs) limits.statement_timeout = settings.statementTimeoutMs;
  if (settings.idleInTransactionTimeoutMs) limits.idle_in_transaction_session_timeout = settings.idleInTransactionTimeoutMs;
  return limits;
}

export function ormOptions(settings: OrmSettings): Options {
  return defineConfig({
    clientUrl: settings.url,
    entities: [...settings.entities, ...(settings.extraEntities ?? [])],
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    pool: { min: 0, max: settings.poolMax ?? 10 },
    driverOptions: { connection: sessionLimits(settings) },
    extensions: [Migrator],
    // Made by a migration for the login throttle (rate-limiter-flexible), not an entity: a new migration must not drop it.
    schemaGenerator: { skipTables: ['login_throttle'] },
    migrations: {
      migrationsList: migrationChain(migrationsList, settings.extraMigrations ?? []),
      path: 'migrations',
      pathTs: 'migrations',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
    debug: settings.onQuery ? ['query'] : false,
    logger: settings.onQuery ?? (() => undefined),
    colors: false,
    allowGlobalContext: false,
  });
}
