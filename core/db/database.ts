import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logging/logger.js';
import { ormOptions, type OrmSettings } from './mikro-orm.config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface DatabaseSettings extends Omit<OrmSettings, 'url'> {
  /** The server to use; without it an embedded PostgreSQL is started in dataDir. */
  url?: string;
  dataDir: string;
  logger: Logger;
  migrate?: boolean;
}

/** Connects (starting the embedded server if needed) and applies pending migrations. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  const embedded = settings.url ? null : await startEmbeddedPostgres(settings.dataDir, settings.logger);
  const url = settings.url ?? embedded!.url;
  try {
    const orm = await MikroORM.init(ormOptions({ ...settings, url }));
    if (settings.migrate !== false) {
      const connection = orm.em.getConnection();
      const applied = await connection.transactional(async (trx) => {
        // A migration may rewrite a large table: no statement timeout for it (the API's own statements keep theirs).
        await connection.execute('set local statement_timeout = 0', [], 'run', trx);
        return orm.getMigrator().up({ transaction: trx });
      });
      if (applied.length) settings.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    }
    await warnOfCaseBlindLocale(orm, settings.logger);
    return {
      orm,
      url,
      embedded: Boolean(embedded),
      async close() {
        await orm.close(true);
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
