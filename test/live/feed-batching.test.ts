import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { LocalEventBus, type CommittedAppealEvent } from '../../core/events/event-bus.js';
import { LiveFeed, type LiveDelivery } from '../../core/live/live-feed.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveFeed batching', () => {
  it('reads the events that arrive during a read in one next read, and hands all of them out in commit order per appeal', async () => {
    // Real committed events of two appeals, interleaved; their bus facts as the committing process published them.
    const facts: CommittedAppealEvent[] = [];
    const unsubscribe = t.running.app.events.subscribe((f) => facts.push(f));
    const appeals = [await insertAppeal(t, { sector: 'housing' }), await insertAppeal(t, { sector: 'waste' })];
    for (let i = 0; i < 8; i++) await commitEvent(t.running.app, appeals[i % 2], i % 3 ? 'PAUSED' : 'RESUMED');
    unsubscribe();
    expect(facts).toHaveLength(8);

    // A feed of its own on a bus this test drives, reading through the app's database.
    const bus = new LocalEventBus();
    const feed = new LiveFeed(t.running.app.orm, bus, t.running.app.logger);
    const received: LiveDelivery[] = [];
    feed.add({ accepts: () => true, push: (d) => received.push(d), end: () => {} });

    // Hold the feed's first read: another session locks the audit trail, so the read waits on the lock.
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table appeal_event in access exclusive mode');
      await bus.publish([facts[0]]);
      for (let waited = 0; ; waited++) {
        const [{ count }] = (
          await locker.query(
            `select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%appeal_event%'`,
          )
        ).rows;
        if (count > 0) break;
        if (waited > 200) throw new Error('the feed never started its first read');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // The other seven arrive one per turn while that read waits.
      for (const f of facts.slice(1)) {
        await bus.publish([f]);
        await turn();
      }
      await locker.query('commit');
    } finally {
      await locker.end();
    }
    await feed.settled();
    await feed.close();

    expect(received.map((d) => d.event.id)).toEqual(facts.map((f) => f.eventId));
    for (const appealId of appeals) {
      const ofAppeal = received.filter((d) => d.appeal.id === appealId).map((d) => d.event.id);
      expect(ofAppeal).toEqual(facts.filter((f) => f.appealId === appealId).map((f) => f.eventId));
    }
    // The first read, then one for everything that arrived during it (not one read per arrival).
    expect(feed.stats.batches).toBe(2);
    expect(feed.stats.events).toBe(8);
  });
});
