/**
 * `npm run region:load -- <path or code>`: validates a region pack and
 * writes it into the database (DATABASE_URL, or the embedded server in
 * DATA_DIR) in one transaction, then prints what changed, table by table.
 * Idempotent: a second run changes nothing. The pack's calendar years
 * replace stored ones that differ (at start-up they only fill gaps).
 * Without an argument, REGION_PACK (default: regions/default.json's pack).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { openAppDatabase } from '../app/database.js';
import { pluginEntities, pluginMigrations } from '../plugins/plugin-registry.js';
import { describeChanges, loadPackTables, loadRegionPack, RegionPackError } from '../region/index.js';
import { loadRegion } from '../region/region-load.js';
import { allPlugins } from '../../plugins/index.js';

try {
  const config = loadConfig();
  const pack = loadRegionPack(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? config.REGION_PACK);
  // The plugins' tables (sectors/<plugin>/) are checked too, though the plugins' seeds write them at the next start.
  loadPackTables(pack, allPlugins);
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = await openAppDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    logger,
    extraEntities: pluginEntities(allPlugins),
    extraMigrations: pluginMigrations(allPlugins),
  });
  try {
    const report = await loadRegion(db.orm.em.fork() as EntityManager, pack, { calendar: 'replace' });
    for (const line of describeChanges(report)) console.log(line);
  } finally {
    await db.close();
  }
} catch (error) {
  if (error instanceof RegionPackError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
