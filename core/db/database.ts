import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { ormOptions, type OrmSettings } from './mikro-orm.config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { closeOrm } from './sql-pool.js';
import { EMBEDDED_APP_ROLE, ensureAppRole, grantAppRole, roleOf, urlAs } from './app-role.js';
import { prepareJobQueues } from '../jobs/recurring-job.js';

export interface Database {
  orm: MikroORM;
  /** What the API connects with (the least-privilege role when there is one). */
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface DatabaseSettings extends Omit<OrmSettings, 'url'> {
  /** The server to use; without it an embedded PostgreSQL is started in dataDir. */
  url?: string;
  /**
   * The owner's connection (DATABASE_MIGRATION_URL): migrations, the job queue's
   * schema and the grants to `url`'s role run through it. Unset: through `url`.
   */
  migrationUrl?: string;
  dataDir: string;
  logger: Logger;
  migrate?: boolean;
  /** The pg-boss queues the core's jobs use (core/app/modules.ts), created with the migrations. */
  queues: readonly string[];
}

/** One lock for the owner's steps: processes starting together take turns (GRANTs on one table at once collide). */
const MIGRATION_LOCK = 0x63757230; // 'cur0'

/**
 * Connects (starting the embedded server if needed), applies pending
 * migrations as the owner, then opens the API's connection pool. In the
 * embedded mode the owner is the cluster's superuser and the API connects
 * as `cur_app` (core/db/app-role.ts), with a new random password each start.
 */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const embedded = settings.url ? null : await startEmbeddedPostgres(settings.dataDir, settings.logger);
  try {
    let url = settings.url ?? embedded!.url;
    let ownerUrl = settings.migrationUrl ?? url;
    if (embedded) {
      ownerUrl = embedded.url;
      const password = randomBytes(24).toString('base64url');
      await withClient(ownerUrl, (client) => ensureAppRole(client, EMBEDDED_APP_ROLE, password));
      url = urlAs(embedded.url, EMBEDDED_APP_ROLE, password);
    }
    const separate = roleOf(ownerUrl) !== roleOf(url);
    const orm = await MikroORM.init(ormOptions({ ...settings, url }));
    try {
      if (settings.migrate !== false) await migrateAsOwner(settings, ownerUrl, separate ? roleOf(url) : null, separate ? null : orm);
    } catch (error) {
      await closeOrm(orm);
      throw error;
    }
    await warnOfCaseBlindLocale(orm, settings.logger);
    return {
      orm,
      url,
      embedded: Boolean(embedded),
      async close() {
        await closeOrm(orm);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * Search folds case through the database's LC_CTYPE: under `C` (a cluster
 * made with --no-locale, as the embedded one was before) «Отопление» and
 * «отопление» differ and Russian words are not stemmed. Such a database
 * cannot be changed in place; say so in one line.
 */
async function warnOfCaseBlindLocale(orm: MikroORM, logger: Logger): Promise<void> {
  const [row] = await orm.em.getConnection().execute<{ ctype: string }[]>('select datctype as ctype from pg_database where datname = current_database()');
  if (row && /^(C|POSIX)$/i.test(row.ctype)) {
    logger.warn(
      `database created with LC_CTYPE=${row.ctype}: search does not fold Cyrillic case; recreate it with a UTF-8 locale (for the embedded server: move DATA_DIR away and start again, or dump and restore into a new one)`,
    );
  }
}

/** Migrations, the job queue's schema and queues, and the API role's grants, as the owner, one process at a time. */
async function migrateAsOwner(settings: DatabaseSettings, ownerUrl: string, appRole: string | null, ownerOrm: MikroORM | null): Promise<void> {
  await withClient(ownerUrl, async (lock) => {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      // One role for everything (no DATABASE_MIGRATION_URL): the API's own ORM migrates, as before. Else two
      // connections: the migrations run in one transaction while the migrator reads its table on another.
      const orm = ownerOrm ?? (await MikroORM.init(ormOptions({ ...settings, url: ownerUrl, poolMax: 2, onQuery: undefined })));
      try {
        const connection = orm.em.getConnection();
        const applied = await connection.transactional(async (trx) => {
          // A migration may rewrite a large table: no statement timeout for it (the API's own statements keep theirs).
          await connection.execute('set local statement_timeout = 0', [], 'run', trx);
          return orm.getMigrator().up({ transaction: trx });
        });
        if (applied.length) settings.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
      } finally {
        if (!ownerOrm) await closeOrm(orm);
      }
      await prepareJobQueues(ownerUrl, settings.queues);
      if (appRole) await grantAppRole(lock, appRole);
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'cur-api-migrations' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
