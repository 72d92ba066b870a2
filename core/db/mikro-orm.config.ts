import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { moduleEntities } from '../app/modules.js';
import type { MigrationObject } from '@mikro-orm/core';
import { migrationsList } from '../../migrations/index.js';
import { migrationChain } from './migration-chain.js';

export interface OrmSettings {
  url: string;
  /** Plugins' entity classes, added to the core's. */
  extraEntities?: readonly (new (...args: never[]) => object)[];
  /** Plugins' migrations, merged into the core's chain by timestamp. */
  extraMigrations?: readonly MigrationObject[];
  poolMax?: number;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

export function ormOptions(settings: OrmSettings): Options {
  return defineConfig({
    clientUrl: settings.url,
    entities: [...moduleEntities(), ...(settings.extraEntities ?? [])],
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    pool: { min: 0, max: settings.poolMax ?? 10 },
    extensions: [Migrator],
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
