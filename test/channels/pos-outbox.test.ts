import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { M, ok, staff as staffOf, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { answerAndAccept, readAppeal, startWork } from './drive-appeal.js';

const clock = new ManualClock('2026-11-20T12:00:00Z');
let t: TestApp;
let staff: Staff;
let connector: string;
/** The ПОС connector's API key (channel POS): the only credential the outbox answers. */
let posKey: string;
let admin: string;
const newKey = async (name: string, channel?: string) =>
  (await ok(t, 'mutation($name: String!, $channel: Channel) { createApiKey(name: $name, channel: $channel) { secret } }', { name, channel }, admin))
    .secret as string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // The app as `npm start` runs it: channels take appeals in through the lifecycle.
  t = await startTestApp({ clock, intake: lifecycleIntake, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  staff = await staffOf(t);
  connector = (await t.user(Role.INTEGRATION)).token;
  admin = (await t.user(Role.ADMIN)).token;
  posKey = await newKey('ПОС', 'POS');
  const messages = ['pos-a', 'pos-b'].map((id) => ({ id, text: `Во дворе дома ${id} не вывозят мусор уже неделю.`, createdAt: '2026-11-20T10:00:00+03:00' }));
  const response = await fetch(`${t.url}/channels/pos/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${connector}`, 'content-type': 'application/json' },
    body: JSON.stringify(messages),
  });
  for (const result of ((await response.json()) as any).results) ids[result.externalId] = result.appealId;
  // A letter is not a ПОС message: its changes never reach the ПОС feed.
  const { appeal: letter } = await ok(
    t,
    'mutation($input: LetterInput!) { registerLetter(input: $input) { appeal { id version } } }',
    {
      input: {
        kind: 'LETTER',
        sourceId: 'outbox-1',
        receivedAt: '2026-11-20T09:00:00+03:00',
        text: 'Прошу отремонтировать крышу дома.',
        author: { name: 'Петров П. П.', postalAddress: 'г. Йошкар-Ола, ул. Мира, 1' },
      },
    },
    staff.specialist,
  );
  await ok(t, M.registerReceived, { id: letter.id, v: letter.version }, staff.specialist);
  clock.advance(60_000);
  await startWork(t, staff, ids['pos-a']);
  const b = await readAppeal(t, staff, ids['pos-b']);
  await ok(t, M.reject, { id: ids['pos-b'], reason: 'Сообщение не содержит вопроса', v: b.version }, staff.specialist);
  clock.advance(60_000);
  // Changes at one instant are ordered by event id: a minute apart, the answer and its acceptance keep their order.
  await answerAndAccept(t, staff, ids['pos-a'], undefined, () => clock.advance(60_000));
});
afterAll(() => t?.stop());

const outbox = async (query: string, authorization = `ApiKey ${posKey}`) => {
  const response = await fetch(`${t.url}/channels/pos/outbox${query}`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, body: (await response.json()) as any };
};

describe('GET /channels/pos/outbox', () => {
  it('lists status changes of ПОС messages in order, with the ПОС status, page by page with a cursor', async () => {
    clock.advance(10_000);
    const first = await outbox('?since=2026-11-20T00:00:00Z&limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.hasMore).toBe(true);
    const items = [...first.body.items];
    let cursor = first.body.nextCursor;
    for (;;) {
      const page = await outbox(`?cursor=${cursor}&limit=3`);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (!page.body.hasMore) break;
    }
    // Only ПОС messages, never the letter.
    expect(new Set(items.map((i: any) => i.messageId))).toEqual(new Set(['pos-a', 'pos-b']));
    const a = items.filter((i: any) => i.messageId === 'pos-a');
    // Taken in through the lifecycle: registered (and routed) at once, then the body's work and the accepted answer.
    expect(['REGISTERED', 'ASSIGNED']).toContain(a[0].status);
    expect(a.map((i: any) => i.status)).toEqual(expect.arrayContaining(['ASSIGNED', 'IN_PROGRESS', 'ANSWERED']));
    expect(a.find((i: any) => i.status === 'IN_PROGRESS')).toMatchObject({ posStatus: 'IN_WORK', posStatusLabel: 'В работе' });
    expect(a.at(-1)).toMatchObject({ status: 'ANSWERED', previousStatus: 'ON_REVIEW', posStatus: 'ANSWERED', posStatusLabel: 'Дан ответ' });
    const b = items.filter((i: any) => i.messageId === 'pos-b');
    expect(b.at(-1)).toMatchObject({ status: 'REJECTED', posStatus: 'REJECTED', posStatusLabel: 'Отклонено', reason: 'Сообщение не содержит вопроса' });
    const times = items.map((i: any) => i.at);
    expect([...times].sort()).toEqual(times);
    // Nothing new: the same cursor comes back, so the connector keeps its place.
    const empty = await outbox(`?cursor=${cursor}`);
    expect(empty.body).toEqual({ items: [], nextCursor: cursor, hasMore: false });
  });

  it('holds back changes younger than the settle window, then serves them', async () => {
    const before = await outbox('?since=2026-11-20T00:00:00Z&limit=1000');
    const a = await readAppeal(t, staff, ids['pos-a']);
    await ok(t, M.close, { id: ids['pos-a'], v: a.version }, staff.specialist);
    expect((await outbox(`?cursor=${before.body.nextCursor}`)).body.items).toEqual([]);
    clock.advance(5_000);
    expect((await outbox(`?cursor=${before.body.nextCursor}`)).body.items.map((i: any) => i.posStatus)).toEqual(['CLOSED']);
  });

  it('checks its parameters and its callers', async () => {
    expect((await outbox('?cursor=garbage')).body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cursor' });
    expect((await outbox('?since=yesterday')).body.error).toMatchObject({ field: 'since' });
    expect((await outbox('?limit=0')).body.error).toMatchObject({ field: 'limit' });
    expect((await outbox('', `Bearer ${(await t.user(Role.ORG_OPERATOR)).token}`)).status).toBe(403);
    expect((await fetch(`${t.url}/channels/pos/outbox`)).status).toBe(401);
  });
});

describe('who may read the ПОС outbox', () => {
  it('answers only API keys of the channel POS, given in a header', async () => {
    const since = '?since=2026-11-20T00:00:00Z';
    expect((await outbox(since)).status).toBe(200);
    const viaHeader = await fetch(`${t.url}/channels/pos/outbox${since}`, { headers: { 'x-api-key': posKey } });
    expect(viaHeader.status).toBe(200);
    // Any INTEGRATION account, a key of no channel or of another channel, the ЦУР's staff: refused.
    expect((await outbox(since, `Bearer ${connector}`)).status).toBe(403);
    expect((await outbox(since, `ApiKey ${await newKey('Без канала')}`)).status).toBe(403);
    expect((await outbox(since, `ApiKey ${await newKey('Муниципальная система', 'MUNICIPAL_SYSTEM')}`)).status).toBe(403);
    expect((await outbox(since, `Bearer ${staff.specialist}`)).status).toBe(403);
    expect((await outbox(since, `Bearer ${admin}`)).status).toBe(403);
    // A key in the query string is not read outside Open311 (it would sit in logs and histories).
    expect((await outbox(`${since}&api_key=${encodeURIComponent(posKey)}`, '')).status).toBe(401);
  });
});
