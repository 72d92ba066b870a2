/**
 * `npm run migrate`: applies pending migrations as the owner (DATABASE_MIGRATION_URL, else
 * DATABASE_URL, or the embedded server in DATA_DIR), creates the job queue's schema and grants
 * DATABASE_URL's role what the API needs (docs/security.md).
 */
import { loadMigrationConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { openAppDatabase } from '../app/database.js';
import { pluginEntities, pluginMigrations } from '../plugins/plugin-registry.js';
import { allPlugins } from '../../plugins/index.js';

const config = loadMigrationConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = await openAppDatabase({
  url: config.DATABASE_URL,
  migrationUrl: config.DATABASE_MIGRATION_URL,
  dataDir: config.DATA_DIR,
  logger,
  extraEntities: pluginEntities(allPlugins),
  extraMigrations: pluginMigrations(allPlugins),
});
logger.info('migrations are up to date');
await db.close();
