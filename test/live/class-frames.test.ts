import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient, type LiveStream } from '../support/live-client.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { Role } from '../../core/entities/enums.js';

// One event's payload is serialized once per access class and written to every socket of the class
// (core/live/shared-execution.ts). Each subscriber must still get exactly what its own role and scope
// give it: the same entry as `Appeal.history` over HTTP with the same selection and the same token.
// (No `author` in the selection: a query that reads it is executed per user, not per class.)
let t: TestApp;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

const SELECTION = `id type fromStatus toStatus data actor { kind label }
  appeal { id status text sector { code } organization { code } municipality { code } }`;

type Subscriber = { name: string; role: Role; options?: { organizationCode?: string; sectors?: string[] } };

const SUBSCRIBERS: Subscriber[] = [
  { name: 'curator 1', role: Role.CURATOR },
  { name: 'curator 2', role: Role.CURATOR },
  { name: 'analyst', role: Role.ANALYST },
  { name: 'housing observer', role: Role.MINISTRY_OBSERVER, options: { sectors: ['housing'] } },
  { name: 'housing and waste observer', role: Role.MINISTRY_OBSERVER, options: { sectors: ['housing', 'waste'] } },
  { name: 'waste observer', role: Role.MINISTRY_OBSERVER, options: { sectors: ['waste'] } },
  { name: 'operator of the body', role: Role.ORG_OPERATOR, options: { organizationCode: 'adm-yoshkar-ola' } },
  { name: 'operator of another body', role: Role.ORG_OPERATOR, options: { organizationCode: 'gzhi' } },
];

describe('live events shared per access class', () => {
  it('give each role and scope exactly what it reads over HTTP, and nothing out of scope', async () => {
    const appealId = await insertAppeal(t, {
      sector: 'housing',
      organizationCode: 'adm-yoshkar-ola',
      authorName: 'Петров Пётр Петрович',
      authorEmail: 'petrov@example.ru',
      text: 'Пишет Петров Пётр Петрович, petrov@example.ru, +7 900 111-22-33: протекает крыша',
    });
    const live = t.running.app.live;
    const subscribed: (Subscriber & { token: string; stream: LiveStream })[] = [];
    for (const subscriber of SUBSCRIBERS) {
      const { token } = await t.user(subscriber.role, subscriber.options);
      const client = liveClient(t.url, token);
      clients.push(client);
      const before = live.subscriberCount;
      const stream = client.subscribe(`subscription { appealEvents(filter: { type: [PAUSED, RESUMED] }) { ${SELECTION} } }`);
      await eventually(() => live.subscriberCount > before, `${subscriber.name} to subscribe`);
      subscribed.push({ ...subscriber, token, stream });
    }
    const data = { authorEmail: 'petrov@example.ru', phone: '+7 900 111-22-33', note: 'перезвонить' };
    const [paused] = await commitEvent(t.running.app, appealId, 'PAUSED', { data });
    // A last event every subscriber sees, so that "nothing else came" can be checked.
    const waste = await insertAppeal(t, { sector: 'waste', organizationCode: 'gzhi' });
    const [last] = await commitEvent(t.running.app, waste, 'RESUMED');

    const seenOverHttp = async (token: string) => {
      const read = await t.gql(`query($id: ID!) { appeal(id: $id) { history { ${SELECTION} } } }`, { id: appealId }, token);
      expect(read.errors).toBeUndefined();
      return read.data.appeal.history.find((entry: { id: string }) => entry.id === paused);
    };
    const inScope = new Set(['curator 1', 'curator 2', 'analyst', 'housing observer', 'housing and waste observer', 'operator of the body']);
    const seesLast = new Set(['curator 1', 'curator 2', 'analyst', 'housing and waste observer', 'waste observer', 'operator of another body']);
    for (const { name, token, stream } of subscribed) {
      const expectedIds = [...(inScope.has(name) ? [paused] : []), ...(seesLast.has(name) ? [last] : [])];
      await eventually(() => stream.results.length >= expectedIds.length, `${name} to receive its events`);
      await live.settled();
      expect(
        stream.results.every((r) => r.errors === undefined),
        name,
      ).toBe(true);
      expect(
        stream.results.map((r) => r.data.appealEvents.id),
        name,
      ).toEqual(expectedIds);
      if (!inScope.has(name)) continue;
      expect(stream.results[0].data.appealEvents, name).toEqual(await seenOverHttp(token));
    }
    const view = (name: string) => subscribed.find((s) => s.name === name)!.stream.results[0].data.appealEvents;
    expect(view('curator 1').data).toMatchObject(data);
    expect(view('curator 1').appeal.text).toContain('petrov@example.ru');
    expect(JSON.stringify(view('analyst'))).not.toContain('petrov');
    expect(JSON.stringify(view('analyst'))).not.toContain('111-22-33');
  });
});
