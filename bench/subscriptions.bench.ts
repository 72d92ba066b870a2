/**
 * Live updates under load: N graphql-ws subscribers (default 1,000) on
 * loopback, a stream of committed registrations, and the time from commit
 * to delivery (p50, p90, p99) and the server's memory per subscriber.
 *
 *   npx tsx --expose-gc bench/subscriptions.bench.ts
 *   BENCH_SUBSCRIBERS=1000 BENCH_EVENTS=150 BENCH_RATE=5 EVENT_BUS=pg|redis DATABASE_URL=postgres://... npx tsx ...
 *   BENCH_PROCESSES=3 BENCH_SUBSCRIBERS=5000 ...: the subscribers connect to `npm start` with API_PROCESSES=3
 *     (Node's cluster on one port, the PostgreSQL bus); this process only commits, as another API process would.
 *   BENCH_HEAP_SNAPSHOT=<dir>: the server's heap snapshot before the clients connect and once all are subscribed.
 *   BENCH_CLIENT_PROCESSES: load client processes (default one per 2,500 subscribers);
 *   BENCH_SUBSCRIPTIONS_PER_USER: sockets per user (default 1; each subscribing costs a point of that user's
 *     RATE_LIMIT_PER_MINUTE, 600 a minute per API process, so thousands on one user are refused, as in production);
 *   BENCH_STALL_SECONDS (60): how long the connect phase and the final drain wait without progress.
 *
 * The server runs in this process; the clients run in child processes (so
 * their parsing does not count as the server's time), and all read the
 * same monotonic clock (process.hrtime), so commit and delivery times compare.
 * Every figure is printed even when subscriptions failed or deliveries are
 * missing (a slow machine is not an error); those are counted, with their
 * reasons, and make the exit code 1.
 * Without DATABASE_URL an embedded PostgreSQL is started in a temporary folder.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startClients, type ClientCount, type Published, type Subscriber } from './support/subscription-clients.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 150);
const RATE = Number(process.env.BENCH_RATE ?? 10);
/** 0: the API runs in this process; N: `npm start` with API_PROCESSES=N serves the subscribers. */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 0);
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? Math.ceil(SUBSCRIBERS / 2500));
const PER_USER = Number(process.env.BENCH_SUBSCRIPTIONS_PER_USER ?? 1);
const STALL_MS = Number(process.env.BENCH_STALL_SECONDS ?? 60) * 1000;
const DRAIN_STALL_MS = STALL_MS;
const JWT_SECRET = 'bench-secret-at-least-16-chars';
const SECTORS = ['housing', 'waste', 'energy', 'education', 'health', 'roads', 'transport', 'social'];
const QUERY =
  process.env.BENCH_QUERY ??
  `subscription { appealEvents(filter: { type: [REGISTERED] }) { id type at toStatus appeal { id number status sector { code } } } }`;

await runServer();

async function runServer(): Promise<void> {
  const { loadConfig } = await import('../core/config/config.js');
  const { createLogger } = await import('../core/logging/logger.js');
  const { startApp } = await import('../core/server/start-app.js');
  const { startEmbeddedPostgres } = await import('../core/db/embedded-postgres.js');
  const { createScratchDatabase } = await import('../core/db/scratch-database.js');
  const { runAppealTransaction } = await import('../core/events/appeal-transaction.js');
  const { appealNumberSql } = await import('../core/appeals/appeal-number.js');
  const { insertInto, queryOne, sql } = await import('../core/db/sql.js');
  const { Appeal } = await import('../core/entities/appeal.entity.js');
  const { AppealStatus, Channel, Role } = await import('../core/entities/enums.js');
  const { allPlugins } = await import('../plugins/index.js');

  const logger = createLogger('warn');
  const scratchDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'cur-bench-pg-'));
  const embedded = scratchDir ? await startEmbeddedPostgres(scratchDir, logger) : null;
  const database = await createScratchDatabase(process.env.DATABASE_URL ?? embedded!.url, 'cur_bench');
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    DEMO: '0',
    LOG_LEVEL: 'warn',
    JWT_SECRET,
    DEADLINE_WATCH_INTERVAL_SECONDS: '0',
    WS_MAX_QUEUE: process.env.WS_MAX_QUEUE ?? '1000',
    ...(process.env.EVENT_BUS ? { EVENT_BUS: process.env.EVENT_BUS } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  });
  const running = await startApp({ config, plugins: allPlugins, logger });
  const { app } = running;
  const gc = (globalThis as { gc?: () => void }).gc;
  let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
  let clients: ReturnType<typeof startClients> | null = null;
  try {
    // Half the subscribers are the ЦУР (every event), half are ministries, one sector each. Each user holds
    // BENCH_SUBSCRIPTIONS_PER_USER of the sockets (default 1: an operator or a ministry employee with the page open):
    // subscribing costs a point of the user's RATE_LIMIT_PER_MINUTE in the process that serves it, as for any client.
    const em = app.orm.em.fork() as EntityManager;
    const sectorOf = Array.from({ length: SUBSCRIBERS }, (_, i) => (i % 2 === 0 ? null : (i >> 1) % SECTORS.length));
    const userOf: number[] = [];
    const users: (number | null)[] = [];
    const filling = new Map<number | null, { user: number; sockets: number }>();
    for (const sector of sectorOf) {
      let current = filling.get(sector);
      if (!current || current.sockets >= PER_USER) filling.set(sector, (current = { user: users.push(sector) - 1, sockets: 0 }));
      current.sockets++;
      userOf.push(current.user);
    }
    const ids = await em.execute<{ id: string }[]>(
      `insert into app_user (id, email, password_hash, full_name, role, sectors)
       select gen_random_uuid(), 'bench-' || n || '@bench.local', '!', 'bench', role::user_role, case when sector = '' then '{}'::text[] else array[sector] end
       from json_to_recordset(?::json) as u(n int, role text, sector text) order by n returning id`,
      [JSON.stringify(users.map((s, n) => ({ n, role: s === null ? Role.CURATOR : Role.MINISTRY_OBSERVER, sector: s === null ? '' : SECTORS[s] })))],
    );
    const userTokens = users.map((sector, u) =>
      app.tokens.issue(
        {
          id: ids[u].id,
          role: sector === null ? Role.CURATOR : Role.MINISTRY_OBSERVER,
          organizationId: null,
          sectors: sector === null ? [] : [SECTORS[sector]],
        },
        app.clock.now(),
      ),
    );
    // Flat copies: jsonwebtoken's text is a tree of string pieces that V8 flattens into a new string the first time it
    // is read whole (sent to a client process, after the `before` reading); that was 0.4 KB of this process's heap per
    // account counted as the server's per subscriber (the server keeps no token text, core/auth/socket-credentials.ts).
    for (const [u, token] of userTokens.entries()) userTokens[u] = Buffer.from(token, 'latin1').toString('latin1');
    const subscribers: Subscriber[] = sectorOf.map((sector, i) => ({ token: userTokens[userOf[i]], sector }));
    const curators = sectorOf.filter((s) => s === null).length;
    const sectorIds = new Map<string, string>((await em.execute<{ id: string; code: string }[]>('select id, code from sector')).map((r) => [r.code, r.id]));
    const [municipality] = await em.execute(`select id from municipality where code = 'yoshkar-ola'`);
    /** One registration, committed; its sector cycles through SECTORS with i. */
    const commit = async (i: number, tag: string) => {
      await runAppealTransaction(app, app.orm.em.fork() as EntityManager, { label: Channel.POS }, async (tx) => {
        const now = app.clock.now();
        const row = await queryOne(
          tx.em,
          sql`${insertInto('appeal', [
            {
              id: sql`gen_random_uuid()`,
              number: appealNumberSql('12', now.getUTCFullYear()),
              channel: Channel.POS,
              external_id: `bench-${process.pid}-${tag}-${i}`,
              status: AppealStatus.REGISTERED,
              text: 'Не вывозят мусор с контейнерной площадки',
              sector_id: sectorIds.get(SECTORS[i % SECTORS.length]),
              municipality_id: municipality.id,
              received_at: now,
              registered_at: now,
            },
          ])} returning *`,
        );
        const appeal = tx.em.map(Appeal, row!);
        tx.record({ appeal, type: 'REGISTERED', toStatus: AppealStatus.REGISTERED });
      });
    };

    // Several processes: `npm start` with API_PROCESSES, on the same database, serves the subscribers.
    cluster = PROCESSES ? await startCluster(database.url, JWT_SECRET) : null;
    gc?.();
    const before = process.memoryUsage();
    snapshot('before');
    const url = `${(cluster?.url ?? running.url).replace(/^http/, 'ws')}/graphql`;
    clients = startClients(url, QUERY, subscribers, CLIENT_PROCESSES);
    const connectStarted = process.hrtime.bigint();
    const sinceConnect = () => Number(process.hrtime.bigint() - connectStarted) / 1e6;
    const progress = (what: string) => process.stderr.write(`[bench] ${what}\n`);
    progress(`connecting ${SUBSCRIBERS} subscribers from ${clients.processes} client process(es)`);
    await clients.connected();
    const ackMs = sinceConnect();
    const failedCount = (c: ClientCount) => Object.values(c.failures).reduce((a, b) => a + b, 0);
    // Until every subscription is known to be live (or failed, with its reason); a slow machine gets time as long as
    // there is progress, and what never becomes live is streamed to anyway and reported as missing deliveries.
    // With other processes serving, a warm-up registration per sector tells which are live; a new round only once
    // the last one's deliveries stopped arriving (a round reaches every live subscription; more would queue up
    // deliveries in front of the stream).
    let ready = 0;
    let state = await clients.count();
    for (let round = 0, lastProgress = Date.now(), quietSince = Date.now(), lastDeliveries = -1; ;) {
      const live = cluster ? state.reached : app.live.subscriberCount;
      if (live > ready) [ready, lastProgress] = [live, Date.now()];
      if (state.deliveries !== lastDeliveries) [lastDeliveries, quietSince, lastProgress] = [state.deliveries, Date.now(), Date.now()];
      if (ready + failedCount(state) >= SUBSCRIBERS) break;
      if (Date.now() - lastProgress > STALL_MS) {
        progress(`${SUBSCRIBERS - ready - failedCount(state)} subscriptions not live after ${STALL_MS / 1000} s without progress; streaming anyway`);
        break;
      }
      if (cluster && (round === 0 || Date.now() - quietSince > 2_000)) {
        for (let s = 0; s < SECTORS.length; s++) await commit(round * SECTORS.length + s, 'warm');
        round++;
        quietSince = Date.now();
        progress(`warm-up round ${round}: ${ready} live, ${failedCount(state)} failed, ${(sinceConnect() / 1000).toFixed(0)} s`);
      }
      await sleep(cluster ? 500 : 100);
      state = await clients.count();
    }
    // The last warm-up deliveries, out of the stream's figures: until none arrived for 2 s.
    for (
      let last = -1, quietSince = Date.now(), end = Date.now() + STALL_MS;
      cluster && Date.now() - quietSince < 2_000 && Date.now() < end;
      await sleep(500)
    ) {
      const { deliveries } = await clients.count();
      if (deliveries !== last) [last, quietSince] = [deliveries, Date.now()];
    }
    const connectMs = sinceConnect();
    gc?.();
    const after = process.memoryUsage();
    snapshot('after');

    // Commit time: the moment the bus is handed the committed events (runAppealTransaction publishes after commit).
    const published: Published[] = [];
    const publish = app.events.publish.bind(app.events);
    app.events.publish = async (events) => {
      const at = Number(process.hrtime.bigint() / 1000n);
      for (const event of events) if (event.type === 'REGISTERED') published.push([event.eventId, at, SECTORS.indexOf(event.sectorCode ?? '')]);
      return publish(events);
    };

    progress(`${ready} subscribed in ${(connectMs / 1000).toFixed(1)} s; streaming ${EVENTS} registrations at ${RATE}/s`);
    clients.stream();
    const cpuBefore = process.cpuUsage();
    const clusterCpuBefore = cluster?.cpuMsEach() ?? [];
    const loadBefore = loadavg();
    const streamStarted = process.hrtime.bigint();
    for (let i = 0; i < EVENTS; i++) {
      const due = streamStarted + BigInt(Math.round((i * 1e9) / RATE));
      const wait = Number(due - process.hrtime.bigint()) / 1e6;
      if (wait > 0) await sleep(wait);
      await commit(i, 'stream');
    }
    const streamSeconds = Number(process.hrtime.bigint() - streamStarted) / 1e9;
    await app.live.settled();
    const loadStreamEnd = loadavg();
    // Deliveries still on the wire: until every expected one arrived, or none arrived for DRAIN_STALL_MS.
    let lastArrival = process.hrtime.bigint();
    for (let last = -1; ;) {
      const { received, expected } = await clients.count(published);
      if (received > last) [last, lastArrival] = [received, process.hrtime.bigint()];
      if (received >= expected) break;
      if (Number(process.hrtime.bigint() - lastArrival) / 1e6 > DRAIN_STALL_MS) break;
      await sleep(500);
    }
    // CPU from the stream's start to the last delivery (the clients' and servers' work goes on after the last commit).
    const cpu = process.cpuUsage(cpuBefore);
    const clusterCpuEach = cluster?.cpuMsEach().map((ms, i) => ms - (clusterCpuBefore[i] ?? 0)) ?? [];
    const clusterCpuMs = clusterCpuEach.reduce((a, b) => a + b, 0);
    const windowSeconds = Math.max(streamSeconds, Number(lastArrival - streamStarted) / 1e9);
    progress('collecting deliveries');
    const report = await clients.report(published);
    const clientProcesses = clients.processes;
    clients = null;

    const { latencies } = report;
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    const perSubscriberKb = (key: 'rss' | 'heapUsed') => (after[key] - before[key]) / SUBSCRIBERS / 1024;
    const ofCore = (ms: number) => `${(ms / windowSeconds / 10).toFixed(0)} %`;
    const failures = Object.entries(report.failures).map(([reason, n]) => `${n} ${reason}`);

    const where = cluster ? `npm start with API_PROCESSES=${PROCESSES}, commits from another process` : 'one process';
    console.log(
      `live updates bench (${config.eventBus} bus, ${where}, ${SUBSCRIBERS} subscribers: ${curators} ЦУР + ${SUBSCRIBERS - curators} ministries of one sector each, ${PER_USER} per user, ${clientProcesses} client process(es))`,
    );
    console.log(`  sockets acknowledged:        ${report.acked} of ${SUBSCRIBERS} in ${ackMs.toFixed(0)} ms`);
    console.log(`  connect + subscribe all:     ${ready} live in ${connectMs.toFixed(0)} ms${cluster ? ' (a warm-up event received)' : ''}`);
    console.log(`  subscriptions failed:        ${failures.length ? failures.join(', ') : 'none'}`);
    if (report.failures['closed 1006'])
      console.log(
        `                               (1006: cut without a close frame, e.g. graphql-ws's keep-alive: a ping unanswered for 12 s, the client that far behind)`,
      );
    console.log(
      `  registrations committed:     ${published.length} in ${streamSeconds.toFixed(1)} s (${(EVENTS / streamSeconds).toFixed(1)}/s, ${RATE}/s asked)`,
    );
    console.log(
      `  deliveries:                  ${report.received} of ${report.expected} expected, the last ${windowSeconds.toFixed(1)} s after the stream's start (${(report.received / windowSeconds).toFixed(0)}/s)`,
    );
    console.log(`  missing deliveries:          ${report.missing}${report.missing ? ` (to ${report.subscribersMissing} subscribers)` : ''}`);
    console.log(`  commit → delivery p50:       ${pct(50).toFixed(1)} ms`);
    console.log(`  commit → delivery p90:       ${pct(90).toFixed(1)} ms`);
    console.log(`  commit → delivery p99:       ${pct(99).toFixed(1)} ms`);
    console.log(`  commit → delivery max:       ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`);
    const clientCpu = `load client ${ofCore(report.cpuMs)}${report.cpuMsPerProcess.length > 1 ? ` (${report.cpuMsPerProcess.map(ofCore).join(' + ')})` : ''}`;
    if (cluster) {
      console.log(
        `  API processes' CPU:          ${clusterCpuMs.toFixed(0)} ms, ${((clusterCpuMs * 1000) / Math.max(latencies.length, 1)).toFixed(0)} µs per delivery; primary + each: ${clusterCpuEach.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
      );
      console.log(`  API processes logged:        ${cluster.logged().join('; ') || 'nothing'}`);
      console.log(
        `  CPU, stream start → last delivery: API processes ${ofCore(clusterCpuMs)}, committing process ${ofCore((cpu.user + cpu.system) / 1000)}, ${clientCpu} of a core (same 2 cores)`,
      );
    } else {
      console.log(`  server CPU per delivery:     ${((cpu.user + cpu.system) / Math.max(latencies.length, 1)).toFixed(0)} µs (commits included)`);
      console.log(
        `  server memory per subscriber: ${perSubscriberKb('rss').toFixed(1)} KB RSS, ${perSubscriberKb('heapUsed').toFixed(1)} KB heap${gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
      );
      console.log(`  slow subscribers closed:     ${app.live.stats.overflows}`);
      const { batches, loadMs, fanOutMs } = app.live.stats;
      console.log(
        `  per batch (${batches}):           load ${(loadMs / batches).toFixed(1)} ms, hand-out ${(fanOutMs / batches).toFixed(1)} ms; server CPU user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms`,
      );
      console.log(`  CPU, stream start → last delivery: server ${ofCore((cpu.user + cpu.system) / 1000)}, ${clientCpu} of a core (same 2 cores)`);
    }
    const loads = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
    console.log(`  load average stream start / end / now: ${loads(loadBefore)} / ${loads(loadStreamEnd)} / ${loads(loadavg())}`);
    // Complete figures either way; a failed or missing delivery is a failed run.
    if (report.missing || failures.length) {
      console.log('  INCOMPLETE: some subscriptions failed or deliveries are missing (see above)');
      process.exitCode = 1;
    }
  } finally {
    clients?.kill();
    await cluster?.stop();
    await running.stop();
    await database.drop();
    await embedded?.stop();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** `npm start` with API_PROCESSES=PROCESSES on a free port of this machine, on the bench's database. */
async function startCluster(databaseUrl: string, jwtSecret: string) {
  const { spawnServer, startNodeFlags, cpuMsOf } = await import('./support/server-process.js');
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const server = await spawnServer({
    command: fileURLToPath(new URL('../core/main.ts', import.meta.url)),
    nodeFlags: startNodeFlags(),
    url: `http://127.0.0.1:${port}`,
    // Each API process compiles and starts on its own; four of them on a loaded machine take minutes.
    readyTimeoutMs: 600_000,
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      API_PROCESSES: String(PROCESSES),
      EVENT_BUS: 'pg',
      JWT_SECRET: jwtSecret,
      DEMO: '0',
      LOG_LEVEL: 'info',
      DEADLINE_WATCH_INTERVAL_SECONDS: '0',
      WS_MAX_QUEUE: process.env.WS_MAX_QUEUE ?? '1000',
    },
  });
  // /health answers once one process listens: wait for all of them, or the first connections all go to the first.
  const started = () => server.output().split('"msg":"ЦУР API: ').length - 1;
  for (const end = Date.now() + 600_000; started() < PROCESSES && Date.now() < end;) await sleep(500);
  // What the API processes logged at info and above, by message (a socket closed for slowness or for its
  // credentials says so here, while the client only sees the close); the per-subscription lines are left out.
  const logged = new Map<string, number>();
  let partial = '';
  server.child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const msg = /"msg":"([^"]*)"/.exec(line)?.[1];
      if (msg && msg !== 'live updates: subscribed' && msg !== 'live updates: unsubscribed') logged.set(msg, (logged.get(msg) ?? 0) + 1);
    }
  });
  // The primary and the API processes it forked (Linux /proc).
  const pids = () => [server.pid, ...readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number)];
  return {
    url: server.url,
    stop: () => server.stop(),
    cpuMsEach: () => pids().map(cpuMsOf),
    logged: () => [...logged].map(([msg, n]) => `${n} × ${msg}`),
  };
}

/** BENCH_HEAP_SNAPSHOT=<dir>: the server's heap written before the clients connect and once all are subscribed. */
function snapshot(when: string): void {
  const dir = process.env.BENCH_HEAP_SNAPSHOT;
  if (dir) process.stderr.write(`[bench] heap snapshot ${writeHeapSnapshot(join(dir, `subscriptions-${when}.heapsnapshot`))}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
