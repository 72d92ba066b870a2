/**
 * The read benchmark: the appeals page of the frontend (50 appeals with
 * organization, municipality, sector, category and deadline), under autocannon
 * at a fixed concurrency, against three servers started side by side in this
 * process tree on the same database, once per case of `support/appeal-page-cases.ts`
 * (the newest; by status, sector, body + open by due date, municipality, a
 * month, open by due date, a combination; BENCH_PAGES=<names,> picks some):
 *  - ЦУР API (this project), as `npm start` runs it;
 *  - PostGraphile 4 (`postgraphile` from npm), read-only (no mutations), the equivalent query;
 *  - raw SQL: the statement a hand-written endpoint would send with `pg`.
 * Prints requests/s, p50 and p99 for each, the ratios per case, and the API's peak RSS.
 *
 * BENCH_API_DIR: another checkout of this project to run as the API (to compare
 * before and after a change: `git archive <commit> | tar -x -C /tmp/before`,
 * with node_modules linked).
 * BENCH_APPEALS (50000), BENCH_CONNECTIONS (10), BENCH_DURATION (10 s), BENCH_WARMUP (1000 requests).
 * BENCH_CPU_PROF=<dir> runs the API under `node --cpu-prof` and leaves its profile in <dir> (open it in Chrome DevTools).
 */
import 'reflect-metadata';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { freePort } from '../core/db/embedded-postgres.js';
import { TokenService } from '../core/auth/token.service.js';
import { Role } from '../core/entities/enums.js';
import { BENCH_JWT_SECRET, benchServer, prepareBenchDatabase } from './support/bench-database.js';
import { spawnServer, startNodeFlags, type ServerProcess } from './support/server-process.js';
import { loadSettings, loadTest, printTable, type LoadResult, type LoadTarget } from './support/load.js';
import {
  API_PAGE_QUERY,
  POSTGRAPHILE_PAGE_QUERY,
  apiVariables,
  pageCases,
  postgraphileVariables,
  rawQueryString,
  type PageCase,
} from './support/appeal-page-cases.js';

const POSTGRAPHILE_DIR = 'bench/postgraphile';

/** PostGraphile 4 lives in a tree of its own (it needs graphql 15); installed from its lockfile on first run. */
function postgraphileCli(): string {
  const cli = `${POSTGRAPHILE_DIR}/node_modules/postgraphile/cli.js`;
  if (!existsSync(cli)) {
    console.log('installing PostGraphile for the benchmark (bench/postgraphile, once)');
    execFileSync('npm', ['ci', '--prefix', POSTGRAPHILE_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  return cli;
}
const APPEALS = Number(process.env.BENCH_APPEALS ?? 50_000);

async function ensureSpecialist(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    select gen_random_uuid(), 'specialist@demo.local', '!', 'Специалист ЦУР', 'CENTER_SPECIALIST', '{}', (select id from organization where code = 'cur')
    on conflict (email) do nothing`);
  await client.end();
}

async function specialistToken(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`select id, organization_id from app_user where email = 'specialist@demo.local'`);
  await client.end();
  const tokens = new TokenService({ keys: { algorithm: 'HS256', secret: BENCH_JWT_SECRET }, issuer: 'cur-api', audience: 'cur-api', ttlSeconds: 24 * 3600 });
  return tokens.issue({ id: rows[0].id, role: Role.CENTER_SPECIALIST, organizationId: rows[0].organization_id, sectors: [] }, new Date());
}

/**
 * One request before the load: the answer must be a page of appeals (50, or
 * all there are when a case matches fewer on a small data set), or the figures mean nothing.
 */
async function checkPage(target: LoadTarget, count: (body: any) => number): Promise<number> {
  const response = await fetch(target.url, { method: target.method ?? 'POST', headers: target.headers, body: target.body });
  const body = (await response.json()) as any;
  if (response.status !== 200 || body.errors || !(count(body) > 0)) {
    throw new Error(`${target.name} did not answer the page: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
  }
  return count(body);
}

async function main(): Promise<LoadResult[]> {
  const settings = loadSettings();
  const server = await benchServer();
  const servers: ServerProcess[] = [];
  try {
    // BENCH_DATABASE_URL: a kept database instead (e.g. cur_bench_10m of bench/scale/generate-appeals.ts).
    const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await prepareBenchDatabase(server.serverUrl, APPEALS));
    if (process.env.BENCH_DATABASE_URL) await ensureSpecialist(databaseUrl);
    const token = await specialistToken(databaseUrl);
    const [apiPort, pglPort, rawPort] = [await freePort(), await freePort(), await freePort()];

    const api = await spawnServer({
      command: 'core/main.ts',
      nodeFlags: [...startNodeFlags(), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
      cwd: process.env.BENCH_API_DIR,
      url: `http://127.0.0.1:${apiPort}`,
      env: {
        PORT: String(apiPort),
        DATABASE_URL: databaseUrl,
        DEMO: '0',
        JWT_SECRET: BENCH_JWT_SECRET,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_IP_PER_MINUTE: '0',
        // No analytics rollup job: on a kept database its first build would run during the measurement.
        ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
        // No deadline watch either (nor the deliveries of its reminders): its passes write alerts and events into the
        // data set (a kept one is read-only) and their CPU, in the API's process, was counted as the pages'.
        DEADLINE_WATCH_INTERVAL_SECONDS: '0',
        NOTIFY_DELIVERY_INTERVAL_SECONDS: '0',
      },
    });
    servers.push(api);
    const postgraphile = await spawnServer({
      command: postgraphileCli(),
      args: [
        '--connection',
        databaseUrl,
        '--schema',
        'public',
        '--host',
        '127.0.0.1',
        '--port',
        String(pglPort),
        '--disable-default-mutations',
        '--disable-query-log',
        '--max-pool-size',
        '10',
        '--no-setof-functions-contain-nulls',
        '--append-plugins',
        'postgraphile-plugin-connection-filter',
      ],
      url: `http://127.0.0.1:${pglPort}`,
      readyPath: '/graphql',
      env: { NODE_ENV: 'production' },
    });
    servers.push(postgraphile);
    const raw = await spawnServer({
      command: 'bench/support/raw-sql-server.ts',
      url: `http://127.0.0.1:${rawPort}`,
      env: { RAW_DATABASE_URL: databaseUrl, RAW_PORT: String(rawPort) },
    });
    servers.push(raw);

    const json = { 'content-type': 'application/json' };
    const targetsFor = (page: PageCase): [LoadTarget, (body: any) => number][] => [
      [
        {
          name: 'ЦУР API',
          url: `${api.url}/graphql`,
          headers: { ...json, authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: API_PAGE_QUERY, variables: apiVariables(page.shape) }),
          pid: api.pid,
        },
        (b) => b.data.appeals.edges.length,
      ],
      [
        {
          name: 'PostGraphile 4',
          url: `${postgraphile.url}/graphql`,
          headers: json,
          body: JSON.stringify({ query: POSTGRAPHILE_PAGE_QUERY, variables: postgraphileVariables(page.shape) }),
          pid: postgraphile.pid,
        },
        (b) => b.data.allAppeals.edges.length,
      ],
      [{ name: 'raw SQL (pg)', url: `${raw.url}/appeals?${rawQueryString(page.shape)}`, method: 'GET', pid: raw.pid }, (b) => b.data.appeals.nodes.length],
    ];
    const dataSet = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1) : `${APPEALS} appeals`;
    const all: LoadResult[] = [];
    const summary: Record<string, Record<string, string | number>> = {};
    for (const page of await pageCases(databaseUrl)) {
      const results: LoadResult[] = [];
      const sizes: number[] = [];
      for (const [target, count] of targetsFor(page)) sizes.push(await checkPage(target, count));
      if (new Set(sizes).size > 1) throw new Error(`${page.name}: pages of ${sizes.join(' / ')} appeals: the three servers do not answer the same question`);
      for (const [target] of targetsFor(page)) results.push(await loadTest(target, settings));
      printTable(
        `Read: the appeals page (50 with relations), ${page.name}; ${dataSet}, ${settings.connections} connections, ${settings.durationSeconds} s`,
        results,
      );
      const failed = results.filter((r) => r.errors + r.non2xx > 0);
      if (failed.length) throw new Error(`answers that were not 2xx from ${failed.map((r) => r.name).join(', ')}: the figures mean nothing`);
      const [ours, pgl, rawSql] = results;
      summary[page.name] = {
        'API req/s': Math.round(ours.requestsPerSecond),
        'PG4 req/s': Math.round(pgl.requestsPerSecond),
        'raw req/s': Math.round(rawSql.requestsPerSecond),
        'API p50': ours.p50,
        'PG4 p50': pgl.p50,
        'raw p50': rawSql.p50,
        'API/PG4 req/s (≥ 1)': (ours.requestsPerSecond / pgl.requestsPerSecond).toFixed(2),
        'API/raw p50 (≤ 2)': rawSql.p50 > 0 ? (ours.p50 / rawSql.p50).toFixed(2) : '— (raw p50 < 1 ms)',
        'CPU ms/req API/PG4/raw': [ours, pgl, rawSql].map((r) => (r.cpuMsPerRequest ?? 0).toFixed(1)).join('/'),
      };
      all.push(...results);
    }
    console.log(
      `\nRead: the appeals page, every case (${dataSet}; load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    console.table(summary);
    const ourRss = Math.max(...all.filter((r) => r.name === 'ЦУР API').map((r) => r.peakRss ?? 0));
    console.log(`ЦУР API peak RSS under load: ${(ourRss / 1024 / 1024).toFixed(0)} MB (target < 400 MB)`);
    return all;
  } finally {
    for (const s of servers) await s.stop();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
