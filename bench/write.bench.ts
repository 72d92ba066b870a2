/**
 * The write path, against the API as `npm start` runs it (a process of its
 * own, on a fresh database): registerAppeal under autocannon at a fixed
 * concurrency (each request a new externalId, so each one writes an appeal,
 * its deadline and its audit entry), then importAppeals of 10,000 rows in one
 * call. Prints requests/s, p50, p99, CPU ms per request and peak RSS; rows/s
 * and peak RSS of the import.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- write
 * Settings: BENCH_CONNECTIONS (10), BENCH_DURATION (10 s), BENCH_WARMUP (200 requests), BENCH_ROWS (10,000);
 * BENCH_CPU_PROF=<dir> runs the API under `node --cpu-prof` and leaves its profile in <dir> (open it in Chrome DevTools).
 */
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import pg from 'pg';
import { loadConfig } from '../core/config/config.js';
import { createScratchDatabase } from '../core/db/scratch-database.js';
import { TokenService } from '../core/auth/token.service.js';
import { Role } from '../core/entities/enums.js';
import { benchServer, BENCH_JWT_SECRET } from './support/bench-database.js';
import { cpuMsOf, rssOf, spawnServer, startNodeFlags } from './support/server-process.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const pgServer = await benchServer();
const database = await createScratchDatabase(pgServer.serverUrl, 'cur_bench_write');
const port = await freePort();
const env = {
  DATABASE_URL: database.url,
  PORT: String(port),
  DEMO: '0',
  JWT_SECRET: BENCH_JWT_SECRET,
  LOG_LEVEL: 'warn',
  DEADLINE_WATCH_INTERVAL_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  RATE_LIMIT_PER_IP_PER_MINUTE: '0',
};
const CPU_PROF = process.env.BENCH_CPU_PROF;
const api = await spawnServer(
  CPU_PROF
    ? {
        command: process.execPath,
        args: [...startNodeFlags(), '--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, '--import', createRequire(import.meta.url).resolve('tsx'), 'core/main.ts'],
        env,
        url: `http://127.0.0.1:${port}`,
      }
    : { command: 'core/main.ts', nodeFlags: startNodeFlags(), env, url: `http://127.0.0.1:${port}` },
);
const db = new pg.Client({ connectionString: database.url });
try {
  await db.connect();
  const {
    rows: [user],
  } = await db.query(`insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    values (gen_random_uuid(), 'bench-write@local', '!', 'Bench', 'INTEGRATION', '{}', (select id from organization where code = 'cur')) returning id`);
  const {
    rows: [municipality],
  } = await db.query(`select id from municipality where code = 'yoshkar-ola'`);
  const config = loadConfig(env);
  const tokens = new TokenService({ keys: config.jwtKeys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.JWT_TTL_SECONDS });
  const token = tokens.issue({ id: user.id, role: Role.INTEGRATION, organizationId: null, sectors: [] }, new Date());
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  // registerAppeal: POS messages routed at once (registered, assigned, deadline planned, audit entry).
  const REGISTER = 'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { id number } } }';
  let sequence = 0;
  const registerBody = (prefix: string) =>
    JSON.stringify({
      query: REGISTER,
      variables: {
        input: {
          channel: 'POS',
          externalId: `${prefix}-${++sequence}`,
          text: `Во дворе дома ${sequence % 300} по ул. Панфилова сломаны качели`,
          receivedAt: new Date(Date.now() - 60_000).toISOString(),
          category: 'housing.yard-improvement',
          municipalityId: municipality.id,
        },
      },
    });
  const cannon = (prefix: string, limit: { duration: number } | { amount: number }) =>
    autocannon({
      url: api.url,
      connections: CONNECTIONS,
      ...limit,
      requests: [{ method: 'POST', path: '/graphql', headers, setupRequest: (request: any) => ({ ...request, body: registerBody(prefix) }) }],
    });
  if (WARMUP > 0) await cannon('warmup', { amount: WARMUP });

  let peakRss = rssOf(api.pid);
  const sample = () => (peakRss = Math.max(peakRss, rssOf(api.pid)));
  let sampler = setInterval(sample, 100);
  // PostgreSQL's side: CPU of the server processes serving this database (the API's pool), excluding this script's own connection.
  const backends = async () =>
    (await db.query(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).rows.map((r) => r.pid as number);
  const cpuOr0 = (pid: number) => {
    try {
      return cpuMsOf(pid);
    } catch {
      return 0;
    }
  };
  const pgBefore = new Map((await backends()).map((pid) => [pid, cpuOr0(pid)]));
  const cpuBefore = cpuMsOf(api.pid);
  const load = loadavg()[0]!;
  const result = await cannon('write', { duration: DURATION });
  const cpuMs = cpuMsOf(api.pid) - cpuBefore;
  const pgCpuMs = (await backends()).reduce((sum, pid) => sum + cpuOr0(pid) - (pgBefore.get(pid) ?? 0), 0);
  clearInterval(sampler);
  // One statement, one snapshot: requests still in flight when the load stops land in both counts or in neither.
  const {
    rows: [{ written, audited }],
  } = await db.query(`select
    (select count(*)::int from appeal where external_id like 'write-%') as written,
    (select count(*)::int from appeal_event e join appeal a on a.id = e.appeal_id where a.external_id like 'write-%' and e.type = 'REGISTERED') as audited`);

  console.log(
    `\nregisterAppeal, ${CONNECTIONS} connections, ${DURATION} s (load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`,
  );
  console.table({
    registerAppeal: {
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'CPU ms/req': (cpuMs / Math.max(1, result.requests.total)).toFixed(2),
      'PG CPU ms/req': (pgCpuMs / Math.max(1, result.requests.total)).toFixed(2),
      'peak RSS': mb(peakRss),
      'errors+non2xx': result.errors + result.non2xx,
      'appeals written': written,
      'REGISTERED entries': audited,
    },
  });

  // importAppeals: one call of ROWS rows.
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    channel: 'POS',
    externalId: `import-${i}`,
    text: `Во дворе дома ${i % 300} по ул. Панфилова сломаны качели`,
    receivedAt: new Date(Date.now() - 3_600_000 - i * 1000).toISOString(),
    category: 'housing.yard-improvement',
    municipalityId: municipality.id,
  }));
  const IMPORT = 'mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created existing failed } }';
  const rssBefore = rssOf(api.pid);
  peakRss = rssBefore;
  sampler = setInterval(sample, 100);
  const importLoad = loadavg()[0]!;
  const apiCpuBefore = cpuMsOf(api.pid);
  const pgImportBefore = new Map((await backends()).map((pid) => [pid, cpuOr0(pid)]));
  const started = performance.now();
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: IMPORT, variables: { input: rows } }) });
  const body = (await response.json()) as { data?: { importAppeals: unknown }; errors?: unknown[] };
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const apiImportMs = cpuMsOf(api.pid) - apiCpuBefore;
  const pgImportMs = (await backends()).reduce((sum, pid) => sum + cpuOr0(pid) - (pgImportBefore.get(pid) ?? 0), 0);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  console.log(`\nimportAppeals, ${ROWS} rows in one call (load average ${importLoad.toFixed(1)})`);
  console.table({
    importAppeals: {
      seconds: seconds.toFixed(1),
      'rows/s': Math.round(ROWS / seconds),
      'CPU ms/1000 rows': Math.round((apiImportMs * 1000) / ROWS),
      'PG CPU ms/1000 rows': Math.round((pgImportMs * 1000) / ROWS),
      'RSS before': mb(rssBefore),
      'peak RSS': mb(peakRss),
      result: JSON.stringify(body.data!.importAppeals),
    },
  });
} finally {
  await db.end().catch(() => undefined);
  await api.stop();
  await database.drop();
  await pgServer.stop();
}
