/**
 * Seconds to seed the demo (`npm start` with DEMO=1 on an empty database):
 * the appeals generated through the lifecycle, the modules' demo data.
 * Usage: `npx tsx bench/demo-seed.bench.ts [appeals]` (default: DEMO_APPEALS's default).
 */
import pg from 'pg';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { startApp } from '../core/server/start-app.js';
import { coreModules } from '../core/app/modules.js';
import { seedDemo } from '../core/seed/demo.seed.js';
import { allPlugins } from '../plugins/index.js';
import { benchServer, databaseUrl, BENCH_JWT_SECRET } from './support/bench-database.js';

const server = await benchServer();
const name = 'cur_bench_demo_seed';
const admin = new pg.Client({ connectionString: server.serverUrl });
await admin.connect();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.query(`create database ${name}`);
const url = databaseUrl(server.serverUrl, name);
const env: Record<string, string> = { PORT: '0', DATABASE_URL: url, DEMO: '0', JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'warn' };
if (process.argv[2]) env.DEMO_APPEALS = process.argv[2];
const config = loadConfig(env);
const running = await startApp({ config, plugins: allPlugins, logger: createLogger('warn') });
const started = performance.now();
await seedDemo(running.app);
const appealsDone = performance.now();
for (const module of coreModules) await module.seedDemo?.(running.app);
const done = performance.now();
const { rows } = await admin.query(`select count(*)::int as n from appeal`).catch(() => ({ rows: [{ n: '?' }] }));
void rows;
await running.stop();
const count = await new pg.Client({ connectionString: url });
await count.connect();
const appeals = (await count.query(`select count(*)::int as n from appeal where external_id like 'demo-%'`)).rows[0].n;
const events = (await count.query(`select count(*)::int as n from appeal_event`)).rows[0].n;
await count.end();
await admin.query(`drop database if exists ${name} with (force)`);
await admin.end();
await server.stop();
console.log(
  `demo seed: ${appeals} appeals, ${events} events; appeals ${((appealsDone - started) / 1000).toFixed(1)} s, modules ${((done - appealsDone) / 1000).toFixed(1)} s, total ${((done - started) / 1000).toFixed(1)} s; loadavg ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`,
);
