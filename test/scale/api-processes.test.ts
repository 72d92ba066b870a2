import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { liveClient, type LiveClient } from '../support/live-client.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Role } from '../../core/entities/enums.js';
import { PG_LISTENER_NAME } from '../../core/events/pg-notify-event-bus.js';

const SECRET = 'test-secret-at-least-16-chars';
let t: TestApp;
let server: ServerProcess;
const clients: LiveClient[] = [];

beforeAll(async () => {
  // Two processes start together on a shared 2-core machine: allow for it.
  // The database and its fixtures come from this process; the API under test is `npm start` with API_PROCESSES=2.
  t = await startTestApp({ env: { EVENT_BUS: 'pg' } });
  server = await startServerProcess(
    { DATABASE_URL: t.databaseUrl, JWT_SECRET: SECRET, EVENT_BUS: 'pg', API_PROCESSES: '2', DEADLINE_WATCH_INTERVAL_SECONDS: '0' },
    { startTimeoutMs: 180_000 },
  );
  await server.waitForLog(
    (line) => typeof line.port === 'number' && line.pid !== server.logs.find((l) => typeof l.port === 'number')!.pid,
    'the second API process',
    180_000,
  );
}, 400_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
  await t?.stop();
});

const startedPids = () => new Set(server.logs.filter((l) => typeof l.port === 'number' && String(l.msg).includes('ЦУР API')).map((l) => l.pid));

describe('API_PROCESSES=2: two API processes behind one port', () => {
  it('runs two processes, each with its own listener on the event bus', async () => {
    expect(startedPids().size).toBe(2);
    const [{ count }] = await t.asOwner('select count(*)::int as count from pg_stat_activity where application_name = $1 and datname = current_database()', [
      PG_LISTENER_NAME,
    ]);
    // Both API processes, and this test's own app.
    expect(count).toBe(3);
  });

  it("listens with LISTEN_BACKLOG's accept queue, not Node's 511 (a reconnect storm of every dashboard after a restart)", async () => {
    const port = new URL(server.url).port;
    // `ss` shows a listening socket's accept queue size as its Send-Q; the kernel caps it at somaxconn.
    const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(Number(line.split(/\s+/)[2]), line).toBe(Math.min(4096, somaxconn));
  });

  it('delivers a committed event to subscribers on both processes', async () => {
    const { token, id: userId } = await t.user(Role.CURATOR);
    const streams = [];
    // New connections go to the processes in turn: four sockets land on both.
    for (let i = 0; i < 4; i++) {
      const client = liveClient(server.url, token);
      clients.push(client);
      streams.push(client.subscribe('subscription { appealEvents(filter: { type: [PAUSED] }) { id type appeal { id } } }'));
    }
    const subscribedOn = async () => {
      for (let i = 0; i < 200; i++) {
        const lines = server.logs.filter((l) => l.msg === 'live updates: subscribed' && l.userId === userId);
        if (lines.length >= 4) return new Set(lines.map((l) => l.pid));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('four subscriptions were not registered');
    };
    const pids = await subscribedOn();
    expect(pids.size).toBe(2);
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const [eventId] = await commitEvent(t.running.app, appealId, 'PAUSED');
    for (const stream of streams) {
      const [first] = await stream.waitFor(1);
      expect(first.data.appealEvents).toEqual({ id: eventId, type: 'PAUSED', appeal: { id: appealId } });
    }
  });

  it('sees a reference change committed elsewhere in every process at the next request (cache invalidation crosses)', async () => {
    const { token } = await t.user(Role.CURATOR);
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const query = `query ($id: ID!) { appeal(id: $id) { organization { name } } }`;
    const ask = async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { id: appealId } }),
      });
      const body = (await response.json()) as { data: { appeal: { organization: { name: string } } } };
      return body.data.appeal.organization.name;
    };
    // Warm both processes' caches (requests go round robin over new connections; fetch opens a few).
    const before = await Promise.all(Array.from({ length: 6 }, ask));
    expect(new Set(before).size).toBe(1);
    await t.asOwner(`update organization set name = name || ' (переименована)' where code = 'adm-yoshkar-ola'`);
    const after = await Promise.all(Array.from({ length: 6 }, ask));
    expect(after).toEqual(Array(6).fill(`${before[0]} (переименована)`));
  });
});
