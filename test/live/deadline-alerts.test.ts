import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { insertAppeal } from '../support/live-fixtures.js';
import { ManualClock } from '../../core/clock/clock.js';
import { AppealStatus, Role } from '../../core/entities/enums.js';
import { runDeadlineWatch } from '../../core/deadline-watch/deadline-watch.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-06-15T09:00:00Z');
const clock = new ManualClock(NOW);
let t: TestApp;
let second: TestApp;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock });
  // A second server on the same database, as a second API process would be.
  second = await startTestApp({ clock, databaseUrl: t.databaseUrl });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await second?.stop();
  await t?.stop();
});

const ALERTS = `subscription { deadlineAlerts { id state dueAt remainingHours at appeal { id deadline { state } } organization { code } } }`;
const REMINDERS = `subscription { appealEvents(filter: { type: [DEADLINE_REMINDER] }) { type data actor { kind label } appeal { id } } }`;

async function subscribe(app: TestApp, role: Role, query: string, options: { organizationCode?: string } = {}) {
  const { token } = await app.user(role, options);
  const client = liveClient(app.url, token);
  clients.push(client);
  const before = app.running.app.live.subscriberCount;
  const stream = client.subscribe(query);
  await eventually(() => app.running.app.live.subscriberCount > before, 'the subscription to register');
  return stream;
}

const deadline = (startsDaysAgo: number, dueInHours: number) => ({
  deadlineStartsAt: new Date(clock.now().getTime() - startsDaysAgo * DAY),
  dueAt: new Date(clock.now().getTime() + dueInHours * HOUR),
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.em().execute(sql, params);
  return Number(row.count);
}

describe('deadline watcher', () => {
  it('alerts once per appeal and state, as the deadline view says, with reminders to the body’s operators', async () => {
    const org = { sector: 'housing', organizationCode: 'adm-yoshkar-ola' };
    const atRisk = await insertAppeal(t, { ...org, ...deadline(9, 12) }); // 12 h of 9.5 days left: under 20%
    const onTime = await insertAppeal(t, { ...org, ...deadline(1, 9 * 24) });
    const overdue = await insertAppeal(t, { ...org, ...deadline(10, -1) });
    await insertAppeal(t, { ...org, ...deadline(10, -1), answeredAt: new Date(NOW.getTime() - 2 * DAY), status: AppealStatus.ANSWERED });
    await insertAppeal(t, { ...org, ...deadline(10, -1), status: AppealStatus.CLOSED });
    // Paused five days ago, when half the time was left: the clock stopped there.
    const paused = await insertAppeal(t, { ...org, ...deadline(9, 12), pausedAt: new Date(NOW.getTime() - 5 * DAY) });

    const alerts = await subscribe(t, Role.CURATOR, ALERTS);
    const operator = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
    const reminderClient = liveClient(t.url, operator.token);
    clients.push(reminderClient);
    const before = t.running.app.live.subscriberCount;
    const reminders = reminderClient.subscribe(REMINDERS);
    await eventually(() => t.running.app.live.subscriberCount > before, 'the reminder subscription to register');

    const raised = await runDeadlineWatch(t.running.app);
    expect(raised.map((r) => [r.appealId, r.state]).sort()).toEqual(
      [
        [atRisk, 'AT_RISK'],
        [overdue, 'OVERDUE'],
      ].sort(),
    );

    const received = await alerts.waitFor(2);
    const byAppeal = new Map(received.map((r) => [r.data.deadlineAlerts.appeal.id, r.data.deadlineAlerts]));
    expect(byAppeal.get(atRisk)).toMatchObject({ state: 'AT_RISK', remainingHours: 12, organization: { code: 'adm-yoshkar-ola' } });
    expect(byAppeal.get(overdue)).toMatchObject({ state: 'OVERDUE', remainingHours: -1 });
    // The alert and the appeal's deadline view agree on the state.
    for (const alert of byAppeal.values()) expect(alert.appeal.deadline.state).toBe(alert.state);
    const { token } = await t.user(Role.CURATOR);
    for (const id of [onTime, paused]) {
      const view = await t.gql('query($id: ID!) { appeal(id: $id) { deadline { state } } }', { id }, token);
      expect(view.data.appeal.deadline.state).toBe('ON_TIME');
    }

    const reminded = await reminders.waitFor(2);
    for (const r of reminded) {
      expect(r.data.appealEvents.actor).toEqual({ kind: 'SYSTEM', label: 'deadline-watcher' });
      expect(r.data.appealEvents.data.recipients).toContain(operator.id);
    }
    expect(reminded.map((r) => r.data.appealEvents.appeal.id).sort()).toEqual([atRisk, overdue].sort());

    // A second pass at the same moment finds nothing new.
    expect(await runDeadlineWatch(t.running.app)).toEqual([]);
    expect(await count('select count(*) from deadline_alert where appeal_id = any(?::uuid[])', [`{${atRisk},${overdue}}`])).toBe(2);

    // A day later the at-risk appeal is overdue: one more alert, for it only.
    clock.advance(DAY);
    const later = await runDeadlineWatch(t.running.app);
    expect(later).toEqual([expect.objectContaining({ appealId: atRisk, state: 'OVERDUE' })]);
    const third = await alerts.waitFor(3);
    expect(third[2].data.deadlineAlerts).toMatchObject({ state: 'OVERDUE', appeal: { id: atRisk } });
    expect(await count(`select count(*) from appeal_event where appeal_id = ? and type like 'DEADLINE_%'`, [atRisk])).toBe(4);

    // An extended deadline is a new deadline: watched anew, alerted anew when it is at risk in turn.
    await t.em().execute(`update appeal set due_at = due_at + interval '30 days' where id = ?`, [atRisk]);
    expect(await runDeadlineWatch(t.running.app)).toEqual([]);
    clock.advance(28 * DAY);
    const extended = await runDeadlineWatch(t.running.app);
    // ...while the appeal that was on time has run out meanwhile.
    expect(extended.map((r) => [r.appealId, r.state]).sort()).toEqual(
      [
        [atRisk, 'AT_RISK'],
        [onTime, 'OVERDUE'],
      ].sort(),
    );
    clock.set(NOW);
  });

  it('raises each alert exactly once when two servers watch at the same moment', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await insertAppeal(t, { sector: 'roads', organizationCode: 'gku-roads', ...deadline(9, 6 + i / 10) }));
    const alerts = await subscribe(t, Role.CURATOR, 'subscription { deadlineAlerts(filter: { sector: ["roads"] }) { state appeal { id } } }');

    const [a, b] = await Promise.all([runDeadlineWatch(t.running.app), runDeadlineWatch(second.running.app)]);
    const raised = [...a, ...b].map((r) => r.appealId);
    expect(raised.sort()).toEqual([...ids].sort());

    expect(await count('select count(*) from deadline_alert where appeal_id = any(?::uuid[])', [`{${ids.join(',')}}`])).toBe(40);
    expect(await count(`select count(*) from appeal_event where type = 'DEADLINE_AT_RISK' and appeal_id = any(?::uuid[])`, [`{${ids.join(',')}}`])).toBe(40);

    // One more, raised by the second server: it reaches the subscriber on the first after everything raised before it.
    const sentinel = await insertAppeal(t, { sector: 'roads', organizationCode: 'gku-roads', ...deadline(9, 1) });
    expect(await runDeadlineWatch(second.running.app)).toHaveLength(1);
    await eventually(() => alerts.results.some((r) => r.data.deadlineAlerts.appeal.id === sentinel), 'the sentinel alert');
    const delivered = alerts.results.map((r) => r.data.deadlineAlerts.appeal.id);
    expect(delivered).toHaveLength(41);
    expect(new Set(delivered).size).toBe(41);
  });
});

describe('deadline watcher with a configured at-risk share', () => {
  it('uses DEADLINE_POLICY’s atRiskShare, as the deadline view does', async () => {
    const half = await startTestApp({ clock, env: { DEADLINE_POLICY: JSON.stringify({ atRiskShare: 0.5 }) } });
    try {
      // 40% of the allowed time left: on time by default, at risk with a share of one half.
      const id = await insertAppeal(half, {
        sector: 'energy',
        organizationCode: 'min-energy',
        deadlineStartsAt: new Date(clock.now().getTime() - 6 * DAY),
        dueAt: new Date(clock.now().getTime() + 4 * DAY),
      });
      expect(await runDeadlineWatch(half.running.app)).toEqual([expect.objectContaining({ appealId: id, state: 'AT_RISK' })]);
      const { token } = await half.user(Role.CURATOR);
      const view = await half.gql('query($id: ID!) { appeal(id: $id) { deadline { state } } }', { id }, token);
      expect(view.data.appeal.deadline.state).toBe('AT_RISK');
    } finally {
      await half.stop();
    }
  });
});
