/**
 * The read replica (DATABASE_READ_URL) on real PostgreSQL 15 streaming
 * replication. The bench makes a primary of its own (Debian's initdb in a
 * temporary directory, a free port; never the machine's shared server), loads
 * the schema and BENCH_APPEALS generated appeals (50,000), makes a replica of it
 * with `pg_basebackup -R` on another port, starts the API (`npm start`'s
 * flags) with DATABASE_URL = the primary and DATABASE_READ_URL = the replica,
 * and shows:
 *  (a) where each kind of request runs its statements (pg_stat_statements of
 *      both servers before and after: calls and execution ms);
 *  (b) the primary's CPU per request with and without the replica, under load
 *      (the appeals page and `stats`; an API without DATABASE_READ_URL on the same primary);
 *  (c) the lag: replay paused on the replica, an appeal registered: its author
 *      sees it (read your writes), another user does not until replay resumes;
 *      the replication delay of a registration in normal operation;
 *  (d) the replica stopped: what the reads routed to it answer, and after it is back.
 * Both servers are stopped and removed at the end (also on an error or Ctrl-C).
 *   npm run bench:replica
 * Settings: BENCH_APPEALS (50,000), BENCH_CONNECTIONS (10), BENCH_DURATION (10 s), BENCH_PG_BIN (/usr/lib/postgresql/15/bin).
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { startApp } from '../core/server/start-app.js';
import { refreshRollup } from '../core/analytics/rollup/rollup-refresh.service.js';
import { allPlugins } from '../plugins/index.js';
import { freePort } from '../core/db/embedded-postgres.js';
import { TokenService } from '../core/auth/token.service.js';
import { Role } from '../core/entities/enums.js';
import { BENCH_JWT_SECRET, databaseUrl, prepareBenchDatabase } from './support/bench-database.js';
import { cpuSpent, sqlOn, startPrimary, type PgInstance, type ReplicaPair } from './support/pg-replica-pair.js';
import { spawnServer, startNodeFlags, type ServerProcess } from './support/server-process.js';
import { loadTest, type LoadResult } from './support/load.js';

const APPEALS = Number(process.env.BENCH_APPEALS ?? 50_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const DB = `cur_bench_${APPEALS}`;
/** No deadline watch, no periodic rollup rebuild in the API processes (buildRollup makes the rollup once). */
const QUIET_JOBS = { DEADLINE_WATCH_INTERVAL_SECONDS: '0', ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0' };

const PAGE = `{ appeals(first: 50) { edges { node { id number status summary receivedAt organization { shortName } municipality { name } sector { code } category { code } deadline { state dueAt } } } } }`;
const IDS = `{ appeals(first: 50) { edges { node { id } } } }`;
const now = new Date();
const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const STATS = `{ stats(groupBy: [MUNICIPALITY, MONTH], from: "${yearAgo}") { count } }`;
const RATINGS = `{ ratings(subject: ORGANIZATION, from: "${yearAgo}", to: "${now.toISOString()}") { appeals score } }`;
const REPORT = `{ monthlyReport(month: "${lastMonth}") { summary { code value } byMunicipality { count } } }`;
const REGISTER = 'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { appeal { id } } }';

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

interface Api {
  process: ServerProcess;
  gql<T = any>(token: string, query: string, variables?: object): Promise<{ status: number; ms: number; data?: T; errors?: { message: string }[] }>;
}

async function startApi(primary: string, replica: string | null): Promise<Api> {
  const port = await freePort();
  const process_ = await spawnServer({
    command: 'core/main.ts',
    nodeFlags: startNodeFlags(),
    url: `http://127.0.0.1:${port}`,
    env: {
      PORT: String(port),
      DATABASE_URL: primary,
      ...(replica ? { DATABASE_READ_URL: replica } : {}),
      DEMO: '0',
      JWT_SECRET: BENCH_JWT_SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...QUIET_JOBS,
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    },
  });
  return {
    process: process_,
    async gql(token, query, variables = {}) {
      const started = performance.now();
      const response = await fetch(`${process_.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
      return { status: response.status, ms: performance.now() - started, ...body };
    },
  };
}

/** Two CENTER_SPECIALIST accounts (they see every appeal): one writes, the other only reads. */
async function users(url: string): Promise<{ writer: string; reader: string; municipalityId: string }> {
  const tokens = new TokenService({ keys: { algorithm: 'HS256', secret: BENCH_JWT_SECRET }, issuer: 'cur-api', audience: 'cur-api', ttlSeconds: 24 * 3600 });
  const token = async (email: string) => {
    const [row] = await sqlOn(
      url,
      `insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
       values (gen_random_uuid(), $1, '!', 'Специалист ЦУР', 'CENTER_SPECIALIST', '{}', (select id from organization where code = 'cur'))
       on conflict (email) do update set email = excluded.email returning id, organization_id`,
      [email],
    );
    return tokens.issue({ id: row.id, role: Role.CENTER_SPECIALIST, organizationId: row.organization_id, sectors: [] }, new Date());
  };
  const [municipality] = await sqlOn(url, `select id from municipality where code = 'yoshkar-ola'`);
  return { writer: await token('replica-writer@bench.local'), reader: await token('replica-reader@bench.local'), municipalityId: municipality.id };
}

type Statements = Map<string, { calls: number; ms: number; query: string }>;
/** The statements of the bench database on one server (pg_stat_statements), without the bench's own probes nor the API's `select 1` to the replica. */
async function statements(server: PgInstance): Promise<Statements> {
  const rows = await sqlOn(
    server.url(DB),
    `select queryid::text as id, calls::int as calls, total_exec_time as ms, query from pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database())
       and query !~ '(pg_stat|pg_wal|pg_last|pg_is_in_recovery|pg_get_wal|pg_current_wal)' and query !~* '^select [$]?1$'`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}
function statementDiff(before: Statements, after: Statements) {
  let calls = 0;
  let time = 0;
  const tables = new Set<string>();
  for (const [id, s] of after) {
    const b = before.get(id);
    const c = s.calls - (b?.calls ?? 0);
    if (c <= 0) continue;
    calls += c;
    time += s.ms - (b?.ms ?? 0);
    const from = /\bfrom\s+"?([a-z_]+)"?/i.exec(s.query)?.[1] ?? /^\s*(insert into|update|select)\s+"?([a-z_]+)?/i.exec(s.query)?.[0];
    if (from) tables.add(from.replace(/^\s*(insert into|update)\s+/i, '$1 '));
  }
  return { calls, time, tables: [...tables].slice(0, 6).join(', ') };
}

/**
 * Waits until the API's start-up work on the primary has settled: fewer than
 * 5 statements a second twice running, so that the counts below are those of
 * the requests (what remains is the outbox and job polls).
 */
async function settle(primary: PgInstance): Promise<void> {
  const started = performance.now();
  let before = await statements(primary);
  let quiet = 0;
  let last = 0;
  for (let i = 0; i < 120 && quiet < 2; i++) {
    await sleep(1000);
    const after = await statements(primary);
    last = statementDiff(before, after).calls;
    quiet = last < 5 ? quiet + 1 : 0;
    before = after;
  }
  console.log(`the primary settled after ${((performance.now() - started) / 1000).toFixed(1)} s (background: ${last} statements in the last second)`);
}

/**
 * Builds the analytics rollup (and the recommendations' rollups) of the
 * generated months on the primary before the replica is made, as the
 * recurring job would: the APIs below run with that job off
 * (ANALYTICS_ROLLUP_INTERVAL_SECONDS=0), so that no rebuild lands in a
 * measured second.
 */
async function buildRollup(url: string): Promise<void> {
  const started = performance.now();
  const config = loadConfig({ PORT: '0', DATABASE_URL: url, DEMO: '0', JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'warn', ...QUIET_JOBS });
  const running = await startApp({ config, plugins: allPlugins, logger: createLogger('warn') });
  try {
    const done = await refreshRollup(running.app.orm.em.fork() as EntityManager, config.TIME_ZONE);
    console.log(`analytics rollup built: ${done.months.length} months in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await running.stop();
  }
  // Planner statistics and visibility maps as a settled database has them, on both servers from the start
  // (an autovacuum landing between the runs with and without the replica would favour the later one).
  await sqlOn(url, 'vacuum analyze');
}

let registered = 0;
/** registerAppeal by the writer: a new POS appeal received now (it heads every page). */
const registerAppeal = (api: Api, tokens: Awaited<ReturnType<typeof users>>) =>
  api.gql(tokens.writer, REGISTER, {
    input: {
      channel: 'POS',
      externalId: `replica-${Date.now()}-${++registered}`,
      text: 'Во дворе дома 12 по ул. Панфилова сломаны качели',
      receivedAt: new Date().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: tokens.municipalityId,
    },
  });

async function whereStatementsRun(pair: ReplicaPair, api: Api, tokens: Awaited<ReturnType<typeof users>>) {
  const [primary, replica] = [pair.primary, pair.replica!];
  const [{ id: oneAppeal }] = await sqlOn(primary.url(DB), 'select id from appeal order by received_at desc limit 1');
  const register = () => registerAppeal(api, tokens);
  const operations: [string, () => Promise<{ errors?: unknown; ms: number }>][] = [
    ['appeals page (50)', () => api.gql(tokens.reader, PAGE)],
    ['stats MUNICIPALITY × MONTH, a year', () => api.gql(tokens.reader, STATS)],
    ['ratings of bodies, a year', () => api.gql(tokens.reader, RATINGS)],
    [`monthlyReport ${lastMonth}`, () => api.gql(tokens.reader, REPORT)],
    ['appeal(id)', () => api.gql(tokens.reader, `{ appeal(id: "${oneAppeal}") { id status } }`)],
    ['registerAppeal (a write)', register],
  ];
  const rows: Record<string, object> = {};
  for (const [name, operation] of operations) {
    await operation(); // warm: the reference cache and the pools, so that the counts are those of a request
    await sleep(300);
    const [p0, r0] = [await statements(primary), await statements(replica)];
    const answer = await operation();
    if (answer.errors) throw new Error(`${name}: ${JSON.stringify(answer.errors).slice(0, 400)}`);
    await sleep(300);
    const [p, r] = [statementDiff(p0, await statements(primary)), statementDiff(r0, await statements(replica))];
    rows[name] = {
      'wall ms': Math.round(answer.ms),
      'primary stmts': p.calls,
      'primary exec ms': p.time.toFixed(1),
      'replica stmts': r.calls,
      'replica exec ms': r.time.toFixed(1),
      'tables on the primary': p.tables,
    };
  }
  console.log(`\n(a) Where the statements of one request run (pg_stat_statements of each server; a request after a warm one), load ${load()}`);
  console.table(rows);
}

async function underLoad(pair: ReplicaPair, api: Api, token: string, label: string) {
  const rows: Record<string, object> = {};
  for (const [name, query, connections] of [
    ['appeals page', PAGE, CONNECTIONS],
    ['stats', STATS, 2],
  ] as const) {
    const target = {
      name,
      url: `${api.process.url}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
      pid: api.process.pid,
    };
    // autocannon counts HTTP statuses only: a GraphQL error answers 200, so one request is checked before and one after.
    const check = async (when: string) => {
      const answer = await api.gql(token, query);
      if (answer.errors || !answer.data) throw new Error(`${label} ${name} ${when} the load: ${JSON.stringify(answer.errors).slice(0, 400)}`);
    };
    await check('before');
    await loadTest(target, { connections, durationSeconds: 2, warmupRequests: 0 });
    const [p0, r0] = [pair.primary.cpu(), pair.replica!.cpu()];
    const result: LoadResult = await loadTest(target, { connections, durationSeconds: DURATION, warmupRequests: 0 });
    const [p, r] = [cpuSpent(p0, pair.primary.cpu()), cpuSpent(r0, pair.replica!.cpu())];
    await check('after');
    const requests = result.requestsPerSecond * DURATION;
    if (result.errors + result.non2xx > 0) throw new Error(`${label} ${name}: ${result.errors + result.non2xx} failed requests`);
    rows[`${name}, ${label}`] = {
      connections,
      'req/s': Math.round(result.requestsPerSecond),
      'p50 ms': result.p50,
      'API CPU ms/req': result.cpuMsPerRequest?.toFixed(2),
      'primary CPU ms/req': (p / requests).toFixed(2),
      'replica CPU ms/req': (r / requests).toFixed(2),
    };
  }
  return rows;
}

const pageIds = async (api: Api, token: string) => {
  const answer = await api.gql<{ appeals: { edges: { node: { id: string } }[] } }>(token, IDS);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return new Set(answer.data!.appeals.edges.map((e) => e.node.id));
};

async function lag(pair: ReplicaPair, api: Api, tokens: Awaited<ReturnType<typeof users>>) {
  const [primary, replica] = [pair.primary.url(DB), pair.replica!.url(DB)];
  const register = async () => {
    const answer = await registerAppeal(api, tokens);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data.registerAppeal.appeal.id as string;
  };
  const figures = async () => {
    const [p] = await sqlOn(primary, `select pg_current_wal_lsn()::text as lsn, (select replay_lag::text from pg_stat_replication limit 1) as replay_lag`);
    const [r] = await sqlOn(
      replica,
      `select pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::int as behind, pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::int as unreplayed,
       round(extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::int as since_last_replayed_commit_ms`,
      [p.lsn],
    );
    return `replica ${r.behind} bytes behind the primary (${r.unreplayed} received, not replayed); now() - pg_last_xact_replay_timestamp() = ${r.since_last_replayed_commit_ms} ms; pg_stat_replication.replay_lag ${p.replay_lag ?? '—'}`;
  };

  console.log(`\n(c) Lag, load ${load()}`);
  // Normal operation: from the answer of registerAppeal to the appeal on another user's page (served by the replica).
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    const id = await register();
    const answered = performance.now();
    while (!(await pageIds(api, tokens.reader)).has(id)) await sleep(2);
    delays.push(performance.now() - answered);
    await sleep(200);
  }
  console.log(
    `  replication delay seen by another user (5 registrations): ${delays.map((d) => d.toFixed(0)).join(', ')} ms (includes a page request each poll)`,
  );
  console.log(`  streaming: ${await figures()}`);

  await sqlOn(replica, 'select pg_wal_replay_pause()');
  while ((await sqlOn(replica, 'select pg_get_wal_replay_pause_state() as s'))[0].s !== 'paused') await sleep(20);
  console.log('  replay paused on the replica (select pg_wal_replay_pause())');
  const id = await register();
  const byAuthor = (await pageIds(api, tokens.writer)).has(id);
  const byOther = (await pageIds(api, tokens.reader)).has(id);
  const [primaryCount, replicaCount] = [
    (await sqlOn(primary, 'select count(*)::int as n from appeal'))[0].n,
    (await sqlOn(replica, 'select count(*)::int as n from appeal'))[0].n,
  ];
  const stats = async (token: string) => (await api.gql(token, '{ stats(groupBy: []) { count } }')).data.stats[0].count;
  console.log(`  appeal ${id} registered; the author's page shows it: ${byAuthor} (read your writes, primary); another user's page: ${byOther} (replica)`);
  console.log(
    `  appeals counted: primary ${primaryCount}, replica ${replicaCount}; stats count for the author ${await stats(tokens.writer)}, for the other ${await stats(tokens.reader)}`,
  );
  console.log(`  at once: ${await figures()}`);
  await sleep(3000);
  console.log(`  3 s later: ${await figures()}; the other's page still without it: ${!(await pageIds(api, tokens.reader)).has(id)}`);
  const resumed = performance.now();
  await sqlOn(replica, 'select pg_wal_replay_resume()');
  while (!(await pageIds(api, tokens.reader)).has(id)) await sleep(2);
  console.log(`  replay resumed: the other user's page shows it after ${ms(performance.now() - resumed)}; ${await figures()}`);
}

/** Which server ran the statements of one request: pg_stat_statements of both before and after (a stopped server counts none). */
async function servedBy(pair: ReplicaPair, run: () => Promise<{ errors?: unknown }>) {
  const snapshot = (server: PgInstance) => statements(server).catch(() => null);
  const [p0, r0] = [await snapshot(pair.primary), await snapshot(pair.replica!)];
  const answer = await run();
  await sleep(200);
  const [p1, r1] = [await snapshot(pair.primary), await snapshot(pair.replica!)];
  const replica = r0 && r1 ? statementDiff(r0, r1).calls : 0;
  const primary = p0 && p1 ? statementDiff(p0, p1).calls : 0;
  return { answered: !answer.errors, where: replica > 0 ? 'the replica' : 'the primary', primary, replica };
}

async function replicaDown(pair: ReplicaPair, api: Api, tokens: Awaited<ReturnType<typeof users>>) {
  console.log(`\n(d) The replica stopped (pg_ctl stop -m fast) and started again, load ${load()}`);
  const page = () => api.gql(tokens.reader, IDS);
  pair.replica!.stop('fast');
  const stopped = performance.now();
  let failed = 0;
  let firstError = '';
  for (;;) {
    const answer = await page();
    if (!answer.errors) break;
    failed++;
    firstError ||= `HTTP ${answer.status}, "${answer.errors[0]!.message}" in ${ms(answer.ms)}`;
    await sleep(50);
  }
  console.log(`  another user's page: ${failed} request(s) failed (${firstError || '—'}), answered again ${ms(performance.now() - stopped)} after the stop`);
  const down = await servedBy(pair, page);
  const stats = await servedBy(pair, () => api.gql(tokens.reader, '{ stats(groupBy: []) { count } }'));
  console.log(
    `  while it is down: the page answered ${down.answered} by ${down.where} (${down.primary} statements there); stats answered ${stats.answered} by ${stats.where}`,
  );
  pair.replica!.start();
  const started = performance.now();
  for (;;) {
    const back = await servedBy(pair, page);
    if (back.where === 'the replica') break;
    if (!back.answered) failed++;
    await sleep(100);
  }
  console.log(
    `  started again: the page is served by the replica ${ms(performance.now() - started)} after pg_ctl start returned; failed requests in all: ${failed}`,
  );
}

async function main() {
  const startedLoad = load();
  console.log(`replica bench: ${APPEALS} appeals, load average ${startedLoad}, ${new Date().toISOString()}`);
  let pair: ReplicaPair | null = null;
  const apis: Api[] = [];
  const cleanup = () => {
    for (const api of apis) api.process.child.kill('SIGKILL');
    pair?.destroy();
  };
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    pair = await startPrimary();
    console.log(`primary: ${pair.primary.url()} (${pair.dir})`);
    await prepareBenchDatabase(pair.primary.url(), APPEALS);
    await sqlOn(databaseUrl(pair.primary.url(), DB), 'create extension pg_stat_statements');
    await buildRollup(pair.primary.url(DB));
    const started = performance.now();
    const replica = await pair.addReplica();
    console.log(`replica: ${replica.url()} (pg_basebackup -R of the primary, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const tokens = await users(pair.primary.url(DB));
    const api = await startApi(pair.primary.url(DB), replica.url(DB));
    apis.push(api);
    await settle(pair.primary);
    await whereStatementsRun(pair, api, tokens);

    const withReplica = await underLoad(pair, api, tokens.reader, 'with the replica');
    const alone = await startApi(pair.primary.url(DB), null);
    apis.push(alone);
    await settle(pair.primary);
    const withoutReplica = await underLoad(pair, alone, tokens.reader, 'primary only');
    await alone.process.stop();
    console.log(`\n(b) Under load (${DURATION} s each; the primary and replica CPU: their postmaster and backends, /proc), load ${load()}`);
    console.table({ ...withReplica, ...withoutReplica });

    await lag(pair, api, tokens);
    await replicaDown(pair, api, tokens);
    console.log(`\nload average at the start ${startedLoad}, at the end ${load()}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const api of apis) await api.process.stop();
    pair?.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
