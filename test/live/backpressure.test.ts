import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { Role } from '../../core/entities/enums.js';

const MAX_QUEUE = 16;
let t: TestApp;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestApp({ env: { WS_MAX_QUEUE: String(MAX_QUEUE) } });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

async function connect() {
  const { token } = await t.user(Role.CURATOR);
  const client = liveClient(t.url, token);
  clients.push(client);
  return client;
}

describe('a subscriber that does not read', () => {
  it('is closed with 1013 «subscriber too slow» at the queue bound, and the others get every event', async () => {
    const live = t.running.app.live;
    // A long text makes each event the slow client selects large, so socket buffers fill quickly.
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola', text: 'Текст обращения. '.repeat(16_000) });
    const slow = await connect();
    const fast = await connect();
    const slowStream = slow.subscribe('subscription { appealEvents(filter: { type: [PAUSED] }) { id appeal { text } } }');
    const fastStream = fast.subscribe('subscription { appealEvents(filter: { type: [PAUSED] }) { id } }');
    await eventually(() => live.subscriberCount === 2, 'both subscriptions to register');
    // The slow client stops reading: its TCP window fills, then the server's socket buffer.
    slow.pauseReading();

    const published: string[] = [];
    for (let batch = 0; live.stats.overflows === 0; batch++) {
      if (batch >= 200) throw new Error(`no overflow after ${published.length} events`);
      published.push(...(await commitEvent(t.running.app, appealId, 'PAUSED', { count: 10 })));
      await live.settled();
    }
    expect(live.subscriberCount).toBe(1);
    expect(live.stats.maxQueueDepth).toBeLessThanOrEqual(MAX_QUEUE);
    // The fast subscriber is not held back: it got every event, in order, while the slow one was stuck.
    published.push(...(await commitEvent(t.running.app, appealId, 'PAUSED', { count: 5 })));
    const received = await fastStream.waitFor(published.length);
    expect(received.map((r) => r.data.appealEvents.id)).toEqual(published);

    // Once it reads again, the slow client finds what was already on the wire, then the close frame.
    slow.resumeReading();
    expect(await slow.closed).toEqual({ code: 1013, reason: 'subscriber too slow' });
    expect(slowStream.results.length).toBeLessThan(published.length);
  });
});
