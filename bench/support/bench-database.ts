import pg from 'pg';
import { loadConfig } from '../../core/config/config.js';
import { createLogger } from '../../core/logging/logger.js';
import { startApp } from '../../core/server/start-app.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../core/db/embedded-postgres.js';
import { allPlugins } from '../../plugins/index.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';
import type { EntityManager } from '@mikro-orm/postgresql';

export const BENCH_JWT_SECRET = 'bench-secret-at-least-16-chars';

export interface BenchServer {
  /** A URL of the PostgreSQL server (any database on it). */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server the benchmarks use: DATABASE_URL's server when set
 * (the machine's service), else an embedded one in `.bench-data/`, kept
 * between runs so the generated data is reused.
 */
export async function benchServer(): Promise<BenchServer> {
  if (process.env.DATABASE_URL) return { serverUrl: process.env.DATABASE_URL, stop: async () => undefined };
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres('.bench-data', createLogger('warn'));
  return { serverUrl: embedded.url, stop: () => embedded.stop() };
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A bench's own database on the server of `serverUrl`, created when missing
 * (`BENCH_FRESH=1` drops it first): the bench then fills it once and reuses it.
 */
export async function namedBenchDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (process.env.BENCH_FRESH === '1') await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rows.length) {
      const {
        rows: [me],
      } = await admin.query('select current_user as user');
      await admin.query(`create database ${pg.escapeIdentifier(name)} owner ${pg.escapeIdentifier(me.user)}`);
    }
  } finally {
    await admin.end();
  }
  return databaseUrl(serverUrl, name);
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function countAppeals(url: string): Promise<number | null> {
  try {
    return await withClient(url, async (client) => {
      const { rows } = await client.query(`select count(*)::int as n from appeal where external_id like 'demo-%'`);
      return rows[0].n as number;
    });
  } catch {
    return null;
  }
}

/**
 * The data generator: a database `cur_bench_<appeals>` with the migrations,
 * the Mari El reference data, the demo users and `appeals` generated appeals
 * (the bulk generator, bulk-appeals.ts: every state, sector, municipality and
 * channel, with deadlines; rows written directly, as the lifecycle-driven demo
 * is too slow for 50,000). Made once, reused while it has them all.
 */
export async function prepareBenchDatabase(serverUrl: string, appeals: number): Promise<string> {
  const name = `cur_bench_${appeals}`;
  const url = databaseUrl(serverUrl, name);
  const existing = await countAppeals(url);
  if (existing === appeals) return url;
  await withClient(serverUrl, async (client) => {
    const { rows } = await client.query('select current_user as user');
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await client.query(`create database ${pg.escapeIdentifier(name)} owner ${pg.escapeIdentifier(rows[0].user)}`);
  });
  const started = Date.now();
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: url,
    DEMO: '1',
    DEMO_APPEALS: '0',
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
  });
  const running = await startApp({ config, plugins: allPlugins, logger: createLogger('warn') });
  const app = running.app;
  await generateBulkAppeals(app.orm.em.fork() as EntityManager, {
    count: appeals,
    now: app.clock.now(),
    regionCode: app.config.REGION_CODE,
    calendar: app.calendar,
    seed: 20200828,
  });
  await running.stop();
  await withClient(url, (client) => client.query('vacuum analyze'));
  console.log(`generated ${appeals} appeals in ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return url;
}
