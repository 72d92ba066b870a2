import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { fails, idOf, M, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { runDeadlineWatch } from '../../core/deadline-watch/deadline-watch.service.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';

const DAY = 86_400_000;
const clock = new ManualClock('2026-03-02T10:00:00+03:00');
let t: TestApp;
let s: Staff;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  s = await staff(t);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

const EVENTS = `subscription { appealEvents { id type toStatus actor { kind } appeal { id status author { name masked } } } }`;

async function subscribe(token: string, query = EVENTS) {
  const client = liveClient(t.url, token);
  clients.push(client);
  const before = t.running.app.live.subscriberCount;
  const stream = client.subscribe(query);
  await eventually(() => t.running.app.live.subscriberCount > before, 'the subscription to register');
  return stream;
}

const history = async (id: string) =>
  (await t.gql('query($id: ID!) { appeal(id: $id) { history { id type } } }', { id }, s.specialist)).data.appeal.history as { id: string; type: string }[];

describe('live updates of the appeal lifecycle', () => {
  it('streams exactly the audit trail of registerAppeal and the actions that followed, nothing of a refused one', async () => {
    const operatorToken = await s.operator('adm-yoshkar-ola');
    const operator = await subscribe(operatorToken);
    const analyst = await subscribe((await t.user(Role.ANALYST)).token);
    const wasteObserver = await subscribe((await t.user(Role.MINISTRY_OBSERVER, { sectors: ['waste'] })).token);

    const { appeal } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Во дворе сломаны качели',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: await idOf(t, 'municipality', 'yoshkar-ola'),
      author: { name: 'Петров Пётр Петрович', email: 'petrov@example.ru' },
    });
    const stale = await fails(t, M.start, { id: appeal.id, v: appeal.version + 5 }, operatorToken);
    expect(stale.extensions?.code).toBe('CONFLICT');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operatorToken);
    expect(started.status).toBe('IN_PROGRESS');

    const trail = await history(appeal.id);
    const mine = () => operator.results.filter((r) => r.data?.appealEvents.appeal.id === appeal.id);
    await eventually(() => mine().length >= trail.length, `the operator to receive ${trail.length} events`);
    expect(mine().map((r) => r.data.appealEvents.id)).toEqual(trail.map((e) => e.id));
    expect(mine().at(-1)!.data.appealEvents).toMatchObject({ toStatus: 'IN_PROGRESS', actor: { kind: 'USER' }, appeal: { status: 'IN_PROGRESS' } });
    expect(mine()[0].data.appealEvents.appeal.author).toEqual({ name: 'Петров Пётр Петрович', masked: false });

    await analyst.waitFor(trail.length);
    for (const r of analyst.results) expect(r.data.appealEvents.appeal.author).toEqual({ name: 'П*** П. П.', masked: true });
    expect(JSON.stringify(analyst.results)).not.toContain('petrov@');
    // A waste event after all that: the first thing the waste observer gets.
    const [waste] = await commitEvent(t.running.app, await insertAppeal(t, { sector: 'waste', organizationCode: 'regoperator-tko' }), 'STRUCTURED');
    const [first] = await wasteObserver.waitFor(1);
    expect(first.data.appealEvents.id).toBe(waste);
  });

  it('alerts on a lifecycle appeal whose deadline is at risk, as its deadline view says', async () => {
    const operatorToken = await s.operator('adm-yoshkar-ola');
    const alerts = await subscribe(operatorToken, 'subscription { deadlineAlerts { state appeal { id deadline { state } } organization { code } } }');
    const { appeal } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Не горит фонарь у подъезда',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: await idOf(t, 'municipality', 'yoshkar-ola'),
    });
    const dueAt = new Date(appeal.deadline.dueAt).getTime();
    expect(await runDeadlineWatch(t.running.app)).toEqual([]);
    clock.set(new Date(dueAt - DAY / 2));
    const raised = await runDeadlineWatch(t.running.app);
    expect(raised).toContainEqual(expect.objectContaining({ appealId: appeal.id, state: 'AT_RISK' }));
    await eventually(() => alerts.results.some((r) => r.data.deadlineAlerts.appeal.id === appeal.id), 'the alert');
    const alert = alerts.results.find((r) => r.data.deadlineAlerts.appeal.id === appeal.id)!;
    expect(alert.data.deadlineAlerts).toEqual({
      state: 'AT_RISK',
      appeal: { id: appeal.id, deadline: { state: 'AT_RISK' } },
      organization: { code: 'adm-yoshkar-ola' },
    });
  });
});
