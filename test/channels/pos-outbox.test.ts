import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { directIntake, moveAppeal } from '../support/direct-intake.js';
import { ManualClock } from '../../core/clock/clock.js';
import { AppealStatus, Role } from '../../core/entities/enums.js';

const clock = new ManualClock('2026-11-20T12:00:00Z');
let t: TestApp;
let connector: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ clock, intake: (app) => directIntake(app) });
  connector = (await t.user(Role.INTEGRATION)).token;
  const messages = ['pos-a', 'pos-b'].map((id) => ({ id, text: `Сообщение ${id}`, createdAt: '2026-11-20T10:00:00+03:00' }));
  const response = await fetch(`${t.url}/channels/pos/messages`, {
    method: 'POST', headers: { authorization: `Bearer ${connector}`, 'content-type': 'application/json' }, body: JSON.stringify(messages),
  });
  for (const result of ((await response.json()) as any).results) ids[result.externalId] = result.appealId;
  // A letter is not a ПОС message: its changes never reach the ПОС feed.
  await t.running.app.intake!.register(
    { channel: 'WRITTEN' as never, externalId: 'letter:1', text: 'Письмо', receivedAt: clock.now(), fz59: true },
    { label: 'test' },
  ).then(({ appealId }) => moveAppeal(t.running.app, appealId, AppealStatus.REGISTERED));
  clock.advance(60_000);
  await moveAppeal(t.running.app, ids['pos-a'], AppealStatus.REGISTERED);
  clock.advance(60_000);
  await moveAppeal(t.running.app, ids['pos-a'], AppealStatus.ASSIGNED);
  await moveAppeal(t.running.app, ids['pos-b'], AppealStatus.REJECTED, 'Сообщение не содержит вопроса');
  clock.advance(60_000);
  await moveAppeal(t.running.app, ids['pos-a'], AppealStatus.ANSWERED);
});
afterAll(() => t?.stop());

const outbox = async (query: string, token = connector) => {
  const response = await fetch(`${t.url}/channels/pos/outbox${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as any };
};

describe('GET /channels/pos/outbox', () => {
  it('lists status changes of ПОС messages in order, with the ПОС status, page by page with a cursor', async () => {
    clock.advance(10_000);
    const first = await outbox('?since=2026-11-20T00:00:00Z&limit=3');
    expect(first.status).toBe(200);
    const rows = first.body.items.map((i: any) => [i.messageId, i.status, i.posStatus]);
    // The two messages arrived at the same instant: their order is by event id.
    expect(rows.slice(0, 2)).toEqual(expect.arrayContaining([['pos-a', 'NEW', 'MODERATION'], ['pos-b', 'NEW', 'MODERATION']]));
    expect(rows[2]).toEqual(['pos-a', 'REGISTERED', 'IN_WORK']);
    expect(first.body.hasMore).toBe(true);
    const second = await outbox(`?cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: any) => [i.messageId, i.posStatus, i.posStatusLabel])).toEqual(
      expect.arrayContaining([['pos-a', 'IN_WORK', 'В работе'], ['pos-b', 'REJECTED', 'Отклонено'], ['pos-a', 'ANSWERED', 'Дан ответ']]),
    );
    expect(second.body.items).toHaveLength(3);
    expect(second.body.items.at(-1)).toMatchObject({ messageId: 'pos-a', status: 'ANSWERED', previousStatus: 'ASSIGNED' });
    expect(second.body.items.find((i: any) => i.status === 'REJECTED').reason).toBe('Сообщение не содержит вопроса');
    expect(second.body.hasMore).toBe(false);
    const times = [...first.body.items, ...second.body.items].map((i: any) => i.at);
    expect([...times].sort()).toEqual(times);
    // Nothing new: the same cursor comes back, so the connector keeps its place.
    const empty = await outbox(`?cursor=${second.body.nextCursor}`);
    expect(empty.body).toEqual({ items: [], nextCursor: second.body.nextCursor, hasMore: false });
  });

  it('holds back changes younger than the settle window, then serves them', async () => {
    const before = await outbox('?since=2026-11-20T00:00:00Z&limit=1000');
    await moveAppeal(t.running.app, ids['pos-a'], AppealStatus.CLOSED);
    expect((await outbox(`?cursor=${before.body.nextCursor}`)).body.items).toEqual([]);
    clock.advance(5_000);
    expect((await outbox(`?cursor=${before.body.nextCursor}`)).body.items.map((i: any) => i.posStatus)).toEqual(['CLOSED']);
  });

  it('checks its parameters and its callers', async () => {
    expect((await outbox('?cursor=garbage')).body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cursor' });
    expect((await outbox('?since=yesterday')).body.error).toMatchObject({ field: 'since' });
    expect((await outbox('?limit=0')).body.error).toMatchObject({ field: 'limit' });
    expect((await outbox('', (await t.user(Role.ORG_OPERATOR)).token)).status).toBe(403);
    expect((await fetch(`${t.url}/channels/pos/outbox`)).status).toBe(401);
  });
});
