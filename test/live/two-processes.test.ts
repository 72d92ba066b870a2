import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { PgNotifyEventBus, PG_LISTENER_NAME } from '../../core/events/pg-notify-event-bus.js';
import { DEADLINE_WATCH_QUEUE } from '../../core/deadline-watch/deadline-watch.job.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 'test-secret-at-least-16-chars';
let t: TestApp;
let b: ServerProcess;
const clients: LiveClient[] = [];

beforeAll(async () => {
  // Process A: this one. Both run the deadline watch job every second, on one database.
  t = await startTestApp({ clock: new ManualClock(new Date()), env: { DEADLINE_WATCH_INTERVAL_SECONDS: '1', EVENT_BUS: 'pg' } });
  b = await startServerProcess({ DATABASE_URL: t.databaseUrl, JWT_SECRET: SECRET, EVENT_BUS: 'pg', DEADLINE_WATCH_INTERVAL_SECONDS: '1' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await b?.stop();
  await t?.stop();
});

/** Subscribes on process B and waits for B to log that the subscription is registered. */
async function subscribeOnB(query: string) {
  const { token, id } = await t.user(Role.CURATOR);
  const client = liveClient(b.url, token);
  clients.push(client);
  const stream = client.subscribe(query);
  await b.waitForLog((line) => line.msg === 'live updates: subscribed' && line.userId === id, 'the subscription on B');
  return stream;
}

const count = async (sql: string, params: unknown[] = []) => Number((await t.em().execute(sql, params))[0].count);

describe('two server processes on one PostgreSQL', () => {
  it('delivers an event committed on process A to a subscriber on process B, and never one rolled back', async () => {
    const stream = await subscribeOnB('subscription { appealEvents(filter: { type: [PAUSED, RESUMED] }) { id type appeal { id } } }');
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    await expect(commitEvent(t.running.app, appealId, 'RESUMED', { fail: true })).rejects.toThrow();
    const [id] = await commitEvent(t.running.app, appealId, 'PAUSED');
    const [first] = await stream.waitFor(1);
    expect(first.data.appealEvents).toEqual({ id, type: 'PAUSED', appeal: { id: appealId } });
  });

  it('keeps delivering after the listener connections are cut (reconnect)', async () => {
    const stream = await subscribeOnB('subscription { appealEvents(filter: { type: [STRUCTURED] }) { id } }');
    const busA = t.running.app.events as PgNotifyEventBus;
    const reconnectsA = busA.reconnects;
    // As the owner: the API's least-privilege role may not end other roles' connections (process B logs in as the owner).
    const [{ count: cut }] = await t.asOwner(
      'select count(*)::int as count from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()) x',
      [PG_LISTENER_NAME],
    );
    expect(cut).toBe(2);
    await eventually(() => busA.reconnects > reconnectsA, 'A to reconnect');
    await b.waitForLog((line) => line.msg === 'event listener reconnected', 'B to reconnect');
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const [id] = await commitEvent(t.running.app, appealId, 'STRUCTURED');
    const [first] = await stream.waitFor(1);
    expect(first.data.appealEvents.id).toBe(id);
  });

  it('raises each deadline alert exactly once with the watch job running in both processes', async () => {
    const stream = await subscribeOnB('subscription { deadlineAlerts(filter: { sector: ["roads"] }) { id state appeal { id } } }');
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        await insertAppeal(t, {
          sector: 'roads',
          organizationCode: 'gku-roads',
          deadlineStartsAt: new Date(now - 9 * DAY),
          dueAt: new Date(now + (6 + i) * HOUR),
        }),
      );
    }
    await stream.waitFor(10, 30_000);
    // Let both processes run the job a few more times: nothing more may be raised.
    const runs = () => count(`select count(*) from pgboss.job where name = ? and state = 'completed'`, [DEADLINE_WATCH_QUEUE]);
    const seen = await runs();
    await eventually(async () => (await runs()) >= seen + 3, 'three more runs of the watch job', 30_000);

    const list = `{${ids.join(',')}}`;
    expect(await count('select count(*) from deadline_alert where appeal_id = any(?::uuid[])', [list])).toBe(10);
    expect(await count(`select count(*) from appeal_event where type = 'DEADLINE_AT_RISK' and appeal_id = any(?::uuid[])`, [list])).toBe(10);
    const delivered = stream.results.map((r) => r.data.deadlineAlerts.appeal.id);
    expect(delivered.sort()).toEqual([...ids].sort());
    expect(stream.results.every((r) => r.data.deadlineAlerts.state === 'AT_RISK')).toBe(true);
  });
});
