/** `npm run migrate`: applies pending migrations (DATABASE_URL, or the embedded server in DATA_DIR). */
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { openDatabase } from '../db/database.js';
import { pluginEntities, pluginMigrations } from '../plugins/plugin-registry.js';
import { allPlugins } from '../../plugins/index.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger, extraEntities: pluginEntities(allPlugins), extraMigrations: pluginMigrations(allPlugins) });
logger.info('migrations are up to date');
await db.close();
