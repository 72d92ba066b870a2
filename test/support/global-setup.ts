import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.js';
import { createScratchDatabase } from '../../core/db/scratch-database.js';
import { openAppDatabase } from '../../core/app/database.js';
import { ensureAppRole } from '../../core/db/app-role.js';
import pg from 'pg';
import { TEST_APP_ROLE, TEST_APP_ROLE_PASSWORD } from './test-roles.js';
import { createLogger } from '../../core/logging/logger.js';
import { pluginEntities, pluginMigrations } from '../../core/plugins/plugin-registry.js';
import { seedReference } from '../../core/seed/reference.seed.js';
import { loadRegionPack } from '../../core/region/index.js';
import { allPlugins } from '../../plugins/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL (the machine's via DATABASE_URL, or an embedded one). */
    dbServerUrl: string;
    /** A database with every migration and the reference data, to copy per test file. */
    dbTemplate: string;
  }
}

/**
 * One PostgreSQL server for the run: DATABASE_URL when set, else an embedded
 * one in a temporary folder. A template database is migrated and seeded once;
 * each test file copies it (CREATE DATABASE ... TEMPLATE), so files are
 * isolated and start in milliseconds.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('warn');
  const scratchDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'cur-test-pg-'));
  const embedded = scratchDir ? await startEmbeddedPostgres(scratchDir, logger) : null;
  const serverUrl = process.env.DATABASE_URL ?? embedded!.url;
  // The API's least-privilege role (cluster-wide, shared by concurrent runs: created only if missing).
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await ensureAppRole(admin, TEST_APP_ROLE);
    // Only the embedded server of this run asks for passwords; never alter a role another run may be using.
    if (embedded) await admin.query(`alter role ${TEST_APP_ROLE} password '${TEST_APP_ROLE_PASSWORD}'`);
  } finally {
    await admin.end();
  }
  const template = await createScratchDatabase(serverUrl, 'cur_template');
  const db = await openAppDatabase({
    url: template.url,
    dataDir: '',
    logger,
    extraEntities: pluginEntities(allPlugins),
    extraMigrations: pluginMigrations(allPlugins),
  });
  const em = db.orm.em.fork() as EntityManager;
  // The default pack (regions/mari-el), as `npm start` loads it; a test of another region starts on a database of its own.
  await seedReference(em, loadRegionPack(), allPlugins, false);
  await db.close();
  project.provide('dbServerUrl', serverUrl);
  project.provide('dbTemplate', template.name);
  return async () => {
    await template.drop();
    await embedded?.stop();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  };
}
