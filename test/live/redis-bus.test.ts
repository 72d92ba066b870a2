import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { RedisEventBus } from '../../core/events/redis-event-bus.js';

// CI machines run Redis on 127.0.0.1:6379 (.ci/run starts it when it does not answer).
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const clock = new ManualClock(new Date());
let a: TestApp;
let b: TestApp;
const clients: LiveClient[] = [];

beforeAll(async () => {
  a = await startTestApp({ clock, env: { EVENT_BUS: 'redis', REDIS_URL } });
  b = await startTestApp({ clock, env: { EVENT_BUS: 'redis', REDIS_URL }, databaseUrl: a.databaseUrl });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await b?.stop();
  await a?.stop();
});

describe('Redis event bus (EVENT_BUS=redis)', () => {
  it('carries events committed on one server to a subscriber on another, whole and in order', async () => {
    expect(a.running.app.events).toBeInstanceOf(RedisEventBus);
    const { token } = await b.user(Role.CURATOR);
    const client = liveClient(b.url, token);
    clients.push(client);
    const stream = client.subscribe('subscription { appealEvents(filter: { type: [PAUSED, RESUMED] }) { id type } }');
    await eventually(() => b.running.app.live.subscriberCount === 1, 'the subscription to register');

    const appealId = await insertAppeal(a, { sector: 'energy', organizationCode: 'min-energy' });
    await expect(commitEvent(a.running.app, appealId, 'RESUMED', { fail: true })).rejects.toThrow();
    const ids = await commitEvent(a.running.app, appealId, 'PAUSED', { count: 60 });
    const received = await stream.waitFor(60);
    expect(received.map((r) => r.data.appealEvents.id)).toEqual(ids);
  });
});
