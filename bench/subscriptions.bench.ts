/**
 * Live updates under load: N graphql-ws subscribers (default 1,000) on
 * loopback, a stream of committed registrations, and the time from commit
 * to delivery (p50, p99) and the server's memory per subscriber.
 *
 *   npx tsx --expose-gc bench/subscriptions.bench.ts
 *   BENCH_SUBSCRIBERS=1000 BENCH_EVENTS=150 BENCH_RATE=5 EVENT_BUS=pg|redis DATABASE_URL=postgres://... npx tsx ...
 *   BENCH_PROCESSES=3 BENCH_SUBSCRIBERS=5000 ...: the subscribers connect to `npm start` with API_PROCESSES=3
 *     (Node's cluster on one port, the PostgreSQL bus); this process only commits, as another API process would.
 *   BENCH_HEAP_SNAPSHOT=<dir>: the server's heap snapshot before the clients connect and once all are subscribed.
 *
 * The server runs in this process; the clients run in a child process (so
 * their parsing does not count as the server's time), and both read the
 * same monotonic clock (process.hrtime), so commit and delivery times compare.
 * Without DATABASE_URL an embedded PostgreSQL is started in a temporary folder.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import type { EntityManager } from '@mikro-orm/postgresql';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 150);
const RATE = Number(process.env.BENCH_RATE ?? 10);
/** 0: the API runs in this process; N: `npm start` with API_PROCESSES=N serves the subscribers. */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 0);
const JWT_SECRET = 'bench-secret-at-least-16-chars';
const SECTORS = ['housing', 'waste', 'energy', 'education', 'health', 'roads', 'transport', 'social'];
const QUERY =
  process.env.BENCH_QUERY ??
  `subscription { appealEvents(filter: { type: [REGISTERED] }) { id type at toStatus appeal { id number status sector { code } } } }`;

type ClientMessage =
  | { kind: 'connected' }
  | { kind: 'warm'; clients: number; deliveries: number }
  | { kind: 'received'; deliveries: [string, string][]; errors: number; cpuMs: number };

if (process.argv[2] === 'clients') {
  // Listen before anything is awaited: IPC messages that arrive with no listener are lost.
  const start = new Promise<{ url: string; tokens: string[] }>((resolve) => process.once('message', resolve as never));
  await runClients(start);
} else await runServer();

/** The child: N sockets, one subscription each; records (event id, receipt time) for every delivery. */
async function runClients(start: Promise<{ url: string; tokens: string[] }>): Promise<void> {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  // Tokens come by IPC: a thousand of them do not fit in the environment.
  const { url, tokens } = await start;
  const deliveries: [string, string][] = [];
  let errors = 0;
  const clients = tokens.map((token) =>
    createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => errors++,
    }),
  );
  let connected = 0;
  const reached = new Set<number>();
  await Promise.all(
    clients.map(
      (client, index) =>
        new Promise<void>((resolve) => {
          client.on('connected', () => {
            connected++;
            resolve();
          });
          client.subscribe<{ appealEvents: { id: string } }>(
            { query: QUERY },
            {
              next: (result) => {
                const at = process.hrtime.bigint();
                reached.add(index);
                if (result.data) deliveries.push([result.data.appealEvents.id, at.toString()]);
                else errors++;
              },
              error: () => errors++,
              complete: () => undefined,
            },
          );
        }),
    ),
  );
  process.send!({ kind: 'connected' } satisfies ClientMessage);
  let cpuAtStream = process.cpuUsage();
  process.on('message', async (message: { kind: string }) => {
    if (message.kind === 'stream') cpuAtStream = process.cpuUsage();
    if (message.kind === 'warm?') process.send!({ kind: 'warm', clients: reached.size, deliveries: deliveries.length } satisfies ClientMessage);
    if (message.kind !== 'report') return;
    const cpu = process.cpuUsage(cpuAtStream);
    await new Promise((resolve) =>
      process.send!({ kind: 'received', deliveries, errors, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies ClientMessage, resolve),
    );
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  });
  void connected;
}

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
  try {
    // Half the subscribers are the ЦУР (every event), half are ministries, one sector each.
    const em = app.orm.em.fork() as EntityManager;
    const tokenFor = async (role: string, sectors: string[]) => {
      const [row] = await em.execute(
        `insert into app_user (id, email, password_hash, full_name, role, sectors) values (gen_random_uuid(), ?, '!', 'bench', ?, ?) returning id`,
        [`bench-${role}-${sectors.join('-') || 'all'}@bench.local`, role, `{${sectors.join(',')}}`],
      );
      return app.tokens.issue({ id: row.id, role: role as never, organizationId: null, sectors }, app.clock.now());
    };
    const curatorToken = await tokenFor(Role.CURATOR, []);
    const observerTokens = await Promise.all(SECTORS.map((s) => tokenFor(Role.MINISTRY_OBSERVER, [s])));
    const tokens = Array.from({ length: SUBSCRIBERS }, (_, i) => (i % 2 === 0 ? curatorToken : observerTokens[(i >> 1) % SECTORS.length]));
    const curators = tokens.filter((t) => t === curatorToken).length;
    const observersBySector = SECTORS.map((_, s) => tokens.filter((t) => t === observerTokens[s]).length);

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
    const child = fork(fileURLToPath(import.meta.url), ['clients'], {
      execArgv: ['--import', 'tsx'],
    });
    child.send({ url: `${(cluster?.url ?? running.url).replace(/^http/, 'ws')}/graphql`, tokens });
    const fromChild = (kind: ClientMessage['kind']) =>
      new Promise<ClientMessage>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
        const onMessage = (message: ClientMessage) => {
          if (message.kind !== kind) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
    const connectStarted = process.hrtime.bigint();
    const progress = (what: string) => process.stderr.write(`[bench] ${what}\n`);
    progress(`connecting ${SUBSCRIBERS} subscribers`);
    await fromChild('connected');
    if (cluster) {
      // The subscriptions live in other processes: warm-up registrations (one per sector) until every client got one.
      for (let round = 0; ; round++) {
        if (round >= 60) throw new Error('not every subscriber got a warm-up event');
        for (let s = 0; s < SECTORS.length; s++) await commit(round * SECTORS.length + s, 'warm');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        child.send({ kind: 'warm?' });
        const { clients } = (await fromChild('warm')) as Extract<ClientMessage, { kind: 'warm' }>;
        if (clients >= SUBSCRIBERS) break;
      }
    } else await until(() => app.live.subscriberCount >= SUBSCRIBERS, 120_000, 'every subscription to register');
    const connectMs = Number(process.hrtime.bigint() - connectStarted) / 1e6;
    gc?.();
    const after = process.memoryUsage();
    snapshot('after');

    // Commit time: the moment the bus is handed the committed events (runAppealTransaction publishes after commit).
    const publishedAt = new Map<string, bigint>();
    const publish = app.events.publish.bind(app.events);
    app.events.publish = async (events) => {
      const at = process.hrtime.bigint();
      for (const event of events) publishedAt.set(event.eventId, at);
      return publish(events);
    };

    progress(`subscribed; streaming ${EVENTS} registrations at ${RATE}/s`);
    let expected = 0;
    child.send({ kind: 'stream' });
    const cpuBefore = process.cpuUsage();
    const clusterCpuBefore = cluster?.cpuMs() ?? 0;
    const loadBefore = loadavg();
    const streamStarted = process.hrtime.bigint();
    for (let i = 0; i < EVENTS; i++) {
      const due = streamStarted + BigInt(Math.round((i * 1e9) / RATE));
      const wait = Number(due - process.hrtime.bigint()) / 1e6;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await commit(i, 'stream');
      expected += curators + observersBySector[i % SECTORS.length];
    }
    const streamSeconds = Number(process.hrtime.bigint() - streamStarted) / 1e9;
    await app.live.settled();
    const cpu = process.cpuUsage(cpuBefore);
    const clusterCpuMs = cluster ? cluster.cpuMs() - clusterCpuBefore : 0;
    // Deliveries still on the wire: give the clients time to read them (bounded); other processes until the count stops growing.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (let last = -1, waited = 0; cluster && waited < 30; waited++) {
      child.send({ kind: 'warm?' });
      const { deliveries } = (await fromChild('warm')) as Extract<ClientMessage, { kind: 'warm' }>;
      if (deliveries === last) break;
      last = deliveries;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    progress('collecting deliveries');
    child.send({ kind: 'report' });
    const report = (await fromChild('received')) as Extract<ClientMessage, { kind: 'received' }>;

    const latencies = report.deliveries
      .map(([id, at]) => {
        const published = publishedAt.get(id);
        return published === undefined ? null : Number(BigInt(at) - published) / 1e6;
      })
      .filter((ms): ms is number => ms !== null)
      .sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    const perSubscriberKb = (key: 'rss' | 'heapUsed') => (after[key] - before[key]) / SUBSCRIBERS / 1024;

    const where = cluster ? `npm start with API_PROCESSES=${PROCESSES}, commits from another process` : 'one process';
    console.log(
      `live updates bench (${config.eventBus} bus, ${where}, ${SUBSCRIBERS} subscribers: ${curators} ЦУР + ${SUBSCRIBERS - curators} ministries of one sector each)`,
    );
    console.log(`  connect + subscribe all:     ${connectMs.toFixed(0)} ms`);
    console.log(`  registrations committed:     ${EVENTS} in ${streamSeconds.toFixed(1)} s (${(EVENTS / streamSeconds).toFixed(1)}/s)`);
    console.log(`  deliveries:                  ${latencies.length} of ${expected} expected, ${report.errors} errors`);
    console.log(`  commit → delivery p50:       ${pct(50).toFixed(1)} ms`);
    console.log(`  commit → delivery p90:       ${pct(90).toFixed(1)} ms`);
    console.log(`  commit → delivery p99:       ${pct(99).toFixed(1)} ms`);
    console.log(`  commit → delivery max:       ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`);
    if (cluster) {
      console.log(
        `  API processes' CPU:          ${clusterCpuMs.toFixed(0)} ms, ${((clusterCpuMs * 1000) / Math.max(latencies.length, 1)).toFixed(0)} µs per delivery`,
      );
      console.log(
        `  CPU while streaming:         API processes ${(clusterCpuMs / streamSeconds / 10).toFixed(0)} %, committing process ${((cpu.user + cpu.system) / 1000 / streamSeconds / 10).toFixed(0)} %, load client ${(report.cpuMs / streamSeconds / 10).toFixed(0)} % of a core (same 2 cores)`,
      );
    }
    if (!cluster) console.log(`  server CPU per delivery:     ${((cpu.user + cpu.system) / Math.max(latencies.length, 1)).toFixed(0)} µs (commits included)`);
    if (!cluster)
      console.log(
        `  server memory per subscriber: ${perSubscriberKb('rss').toFixed(1)} KB RSS, ${perSubscriberKb('heapUsed').toFixed(1)} KB heap${gc ? '' : ' (run with --expose-gc for steadier figures)'}`,
      );
    if (!cluster) console.log(`  slow subscribers closed:     ${app.live.stats.overflows}`);
    const { batches, loadMs, fanOutMs } = app.live.stats;
    if (!cluster)
      console.log(
        `  per batch (${batches}):           load ${(loadMs / batches).toFixed(1)} ms, hand-out ${(fanOutMs / batches).toFixed(1)} ms; server CPU user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms`,
      );
    if (!cluster)
      console.log(
        `  server CPU while streaming:  ${((cpu.user + cpu.system) / 1000 / streamSeconds / 10).toFixed(0)} % of a core; load client CPU: ${(report.cpuMs / streamSeconds / 10).toFixed(0)} % of a core (same 2 cores)`,
      );
    console.log(
      `  load average before / after: ${loadBefore.map((l) => l.toFixed(1)).join(' ')} / ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await new Promise((resolve) => child.once('exit', resolve));
  } finally {
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
    env: {
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      API_PROCESSES: String(PROCESSES),
      EVENT_BUS: 'pg',
      JWT_SECRET: jwtSecret,
      DEMO: '0',
      LOG_LEVEL: 'warn',
      DEADLINE_WATCH_INTERVAL_SECONDS: '0',
      WS_MAX_QUEUE: process.env.WS_MAX_QUEUE ?? '1000',
    },
  });
  // The primary and the API processes it forked (Linux /proc).
  const pids = () => [server.pid, ...readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number)];
  return { url: server.url, stop: () => server.stop(), cpuMs: () => pids().reduce((sum, pid) => sum + cpuMsOf(pid), 0) };
}

/** BENCH_HEAP_SNAPSHOT=<dir>: the server's heap written before the clients connect and once all are subscribed. */
function snapshot(when: string): void {
  const dir = process.env.BENCH_HEAP_SNAPSHOT;
  if (dir) process.stderr.write(`[bench] heap snapshot ${writeHeapSnapshot(join(dir, `subscriptions-${when}.heapsnapshot`))}\n`);
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
