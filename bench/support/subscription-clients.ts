/**
 * The load client of bench/subscriptions.bench.ts, run as a child process
 * (several of them for thousands of sockets, so that one event loop's turn
 * on a core is not the figure): graphql-ws sockets with one subscription
 * each, the receipt time of every delivery, and what failed and why.
 *
 * Times are microseconds of process.hrtime (CLOCK_MONOTONIC, shared by every
 * process of the machine), so the committing process's publish times compare.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One socket: its token and the sector index it sees (null: every event, the ЦУР). */
export interface Subscriber {
  token: string;
  sector: number | null;
}

/** A stream event: its id, when it was handed to the bus (µs), its sector index. */
export type Published = [eventId: string, atUs: number, sector: number];

type ToClient =
  | { kind: 'start'; url: string; query: string; subscribers: Subscriber[] }
  | { kind: 'stream' }
  | { kind: 'count'; published: Published[] }
  | { kind: 'report'; published: Published[] };

export interface ClientCount {
  kind: 'count';
  /** Sockets acknowledged (connection_ack) and subscriptions that received any event. */
  acked: number;
  reached: number;
  /** Sockets whose subscription ended with an error or a close, by reason. */
  failures: Record<string, number>;
  /** Deliveries of the given stream events, and how many the subscribers alive at the stream's start should get. */
  received: number;
  expected: number;
  /** Every delivery so far, warm-up included (the connect phase waits until it stops growing). */
  deliveries: number;
}

export interface ClientReport extends Omit<ClientCount, 'kind'> {
  kind: 'report';
  /** commit → delivery, ms, of every delivery of a stream event. */
  latencies: number[];
  /** Expected deliveries that did not arrive, and how many subscribers they belong to. */
  missing: number;
  subscribersMissing: number;
  /** CPU of this client process from the stream's start, ms. */
  cpuMs: number;
}

type FromClient = { kind: 'connected' } | ClientCount | ClientReport;

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** The child's side. */
async function runClient(): Promise<void> {
  // Listen before anything is awaited: IPC messages that arrive with no listener are lost.
  const start = new Promise<Extract<ToClient, { kind: 'start' }>>((resolve) => process.once('message', resolve as never));
  const { url, query, subscribers } = await start;
  const send = (message: FromClient) => new Promise((resolve) => process.send!(message, resolve));
  // Per socket: deliveries (event id → receipt µs), whether it was acknowledged, why it failed.
  const received = subscribers.map(() => new Map<string, number>());
  const acked = subscribers.map(() => false);
  const failed = subscribers.map((): string | null => null);
  let failedAtStream: (string | null)[] = [];
  const fail = (index: number, reason: unknown) => {
    failed[index] ??= describe(reason);
  };
  const subscribe = process.env.BENCH_CLIENT === 'graphql-ws' ? await libraryClients() : rawClients;
  const dispose = await subscribe({ url, query, subscribers, fail, acked, onData: (index, id, at) => received[index].set(id, at) });
  await send({ kind: 'connected' });

  let cpuAtStream = process.cpuUsage();
  const count = (published: Published[]) => {
    const failures: Record<string, number> = {};
    for (const reason of failed) if (reason) failures[reason] = (failures[reason] ?? 0) + 1;
    let got = 0;
    let expected = 0;
    let missing = 0;
    let subscribersMissing = 0;
    const latencies: number[] = [];
    subscribers.forEach(({ sector }, index) => {
      const mine = received[index];
      let missed = 0;
      for (const [id, at, eventSector] of published) {
        const wanted = sector === null || sector === eventSector;
        const arrived = mine.get(id);
        if (arrived !== undefined) {
          got++;
          latencies.push((arrived - at) / 1000);
        }
        // A socket that had already failed when the stream started is reported as a failure, not as missing deliveries.
        if (!wanted || failedAtStream[index]) continue;
        expected++;
        if (arrived === undefined) missed++;
      }
      missing += missed;
      if (missed) subscribersMissing++;
    });
    const reached = received.filter((deliveries) => deliveries.size > 0).length;
    const deliveries = received.reduce((sum, mine) => sum + mine.size, 0);
    return { acked: acked.filter(Boolean).length, reached, failures, received: got, expected, deliveries, missing, subscribersMissing, latencies };
  };
  process.on('message', async (message: ToClient) => {
    if (message.kind === 'stream') {
      failedAtStream = [...failed];
      cpuAtStream = process.cpuUsage();
    }
    if (message.kind === 'count') {
      const { latencies: _, missing: __, subscribersMissing: ___, ...counted } = count(message.published);
      await send({ kind: 'count', ...counted });
    }
    if (message.kind !== 'report') return;
    const cpu = process.cpuUsage(cpuAtStream);
    await send({ kind: 'report', ...count(message.published), cpuMs: (cpu.user + cpu.system) / 1000 });
    dispose();
    process.exit(0);
  });
}

interface Sockets {
  url: string;
  query: string;
  subscribers: Subscriber[];
  acked: boolean[];
  fail(index: number, reason: unknown): void;
  onData(index: number, eventId: string, atUs: number): void;
}

/**
 * The protocol (graphql-transport-ws) spoken directly over `ws`: connection_init with the token, one subscribe,
 * and for each `next` frame the event id taken from the text without parsing the rest (a frame that is not a
 * plain `appealEvents` result is parsed and counted as a failure). Resolves once every socket was acknowledged
 * or failed. The graphql-ws client (BENCH_CLIENT=graphql-ws) costs several times the CPU per delivery, which on
 * a shared machine is taken from the server measured.
 */
async function rawClients({ url, query, subscribers, acked, fail, onData }: Sockets): Promise<() => void> {
  const { default: WebSocket } = await import('ws');
  const marker = '"type":"next","payload":{"data":{"appealEvents":{"id":"';
  const subscribe = JSON.stringify({ id: '1', type: 'subscribe', payload: { query } });
  const sockets = await Promise.all(
    subscribers.map(
      ({ token }, index) =>
        new Promise<InstanceType<typeof WebSocket>>((resolve) => {
          const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false });
          socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
          socket.on('message', (data: Buffer) => {
            const at = nowUs();
            const text = data.toString();
            const start = text.indexOf(marker);
            if (start >= 0) {
              const from = start + marker.length;
              return onData(index, text.slice(from, text.indexOf('"', from)), at);
            }
            const message = JSON.parse(text) as { type: string; payload?: unknown };
            if (message.type === 'connection_ack') {
              acked[index] = true;
              socket.send(subscribe);
              return resolve(socket);
            }
            if (message.type === 'ping') return socket.send(JSON.stringify({ type: 'pong' }));
            const id = (message.payload as { data?: { appealEvents?: { id?: string } } } | undefined)?.data?.appealEvents?.id;
            if (message.type === 'next' && id) return onData(index, id, at);
            fail(index, message.type === 'next' ? (message.payload as { errors?: unknown }).errors : message.type === 'error' ? message.payload : message.type);
          });
          socket.on('error', (error) => fail(index, error));
          socket.on('close', (code, reason) => {
            fail(index, { code, reason: reason.toString() });
            resolve(socket);
          });
        }),
    ),
  );
  return () => sockets.forEach((socket) => socket.terminate());
}

/** The graphql-ws client library, one client per socket (BENCH_CLIENT=graphql-ws). */
async function libraryClients(): Promise<(sockets: Sockets) => Promise<() => void>> {
  const { createClient } = await import('graphql-ws');
  const { default: WebSocket } = await import('ws');
  return async ({ url, query, subscribers, acked, fail, onData }) => {
    const clients = subscribers.map(({ token }, index) => {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: (error) => fail(index, error),
      });
      client.on('closed', (event) => fail(index, event));
      return client;
    });
    await Promise.all(
      clients.map(
        (client, index) =>
          new Promise<void>((resolve) => {
            client.on('connected', () => {
              acked[index] = true;
              resolve();
            });
            client.subscribe<{ appealEvents: { id: string } }>(
              { query },
              {
                next: (result) => {
                  const at = nowUs();
                  if (result.data) onData(index, result.data.appealEvents.id, at);
                  else fail(index, result.errors);
                },
                error: (error) => {
                  fail(index, error);
                  resolve();
                },
                complete: () => fail(index, 'completed by the server'),
              },
            );
          }),
      ),
    );
    return () => void Promise.all(clients.map((client) => client.dispose()));
  };
}

/** A failure's reason, short enough to count by: an error code, a close code and reason, a message. */
function describe(reason: unknown): string {
  if (Array.isArray(reason)) {
    const first = reason[0] as { message?: string; extensions?: { code?: string } } | undefined;
    return `error ${first?.extensions?.code ?? first?.message ?? 'unknown'}`;
  }
  if (reason && typeof reason === 'object' && 'code' in reason && typeof (reason as { code: unknown }).code === 'number') {
    const close = reason as { code: number; reason?: string };
    return `closed ${close.code}${close.reason ? ` ${close.reason}` : ''}`;
  }
  if (reason instanceof Error) return `error ${reason.message}`;
  return String(reason);
}

/** The bench's side: `processes` client processes, the subscribers dealt out in pairs (a ЦУР's and a ministry's) in turn. */
export function startClients(url: string, query: string, subscribers: Subscriber[], processes: number) {
  const count = Math.max(1, Math.min(processes, subscribers.length));
  const children: ChildProcess[] = [];
  for (let p = 0; p < count; p++) {
    const child = fork(fileURLToPath(import.meta.url), ['client'], { execArgv: ['--import', 'tsx'] });
    // Tokens go by IPC: thousands of them do not fit in the environment.
    child.send({ kind: 'start', url, query, subscribers: subscribers.filter((_, i) => (i >> 1) % count === p) } satisfies ToClient);
    children.push(child);
  }
  const fromEach = <K extends FromClient['kind']>(kind: K) =>
    Promise.all(
      children.map(
        (child) =>
          new Promise<Extract<FromClient, { kind: K }>>((resolve, reject) => {
            const onExit = (code: number | null) => reject(new Error(`client process exited (${code})`));
            const onMessage = (message: FromClient) => {
              if (message.kind !== kind) return;
              child.off('message', onMessage);
              child.off('exit', onExit);
              resolve(message as Extract<FromClient, { kind: K }>);
            };
            child.on('message', onMessage);
            child.once('exit', onExit);
          }),
      ),
    );
  const ask = <K extends FromClient['kind']>(message: ToClient, kind: K) => {
    const answers = fromEach(kind);
    for (const child of children) child.send(message);
    return answers;
  };
  const merged = <T extends ClientCount | ClientReport>(parts: T[]): T => {
    const failures: Record<string, number> = {};
    for (const part of parts) for (const [reason, n] of Object.entries(part.failures)) failures[reason] = (failures[reason] ?? 0) + n;
    const sum = (key: keyof ClientReport) => parts.reduce((total, part) => total + (((part as ClientReport)[key] as number) ?? 0), 0);
    const base = {
      ...parts[0],
      acked: sum('acked'),
      reached: sum('reached'),
      failures,
      received: sum('received'),
      expected: sum('expected'),
      deliveries: sum('deliveries'),
    };
    if (parts[0].kind === 'count') return base as T;
    const reports = parts as ClientReport[];
    return {
      ...base,
      latencies: reports.flatMap((r) => r.latencies).sort((a, b) => a - b),
      missing: sum('missing'),
      subscribersMissing: sum('subscribersMissing'),
      cpuMs: sum('cpuMs'),
      cpuMsPerProcess: reports.map((r) => r.cpuMs),
    } as T;
  };
  return {
    processes: count,
    connected: () => fromEach('connected'),
    stream: () => children.forEach((child) => child.send({ kind: 'stream' } satisfies ToClient)),
    count: async (published: Published[] = []) => merged(await ask({ kind: 'count', published }, 'count')),
    report: async (published: Published[]) => {
      const exited = children.map((child) => new Promise((resolve) => child.once('exit', resolve)));
      const report = merged(await ask({ kind: 'report', published }, 'report')) as ClientReport & { cpuMsPerProcess: number[] };
      await Promise.all(exited);
      return report;
    },
    kill: () => children.forEach((child) => child.exitCode === null && child.kill()),
  };
}

if (process.argv[2] === 'client') await runClient();
