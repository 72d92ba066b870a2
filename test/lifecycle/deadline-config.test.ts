import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { M, ok, register, staff, type Staff } from './lifecycle-helpers.js';

/** The deadline values are configuration (DEADLINE_POLICY), not code. */
let t: TestApp;
let s: Staff;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  const policy = { atRiskShare: 0.5, channels: { POS: { regime: 'MESSAGE', codePrefix: 'POS', basis: 'регламент региона', answer: { workingDays: 5 } } } };
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400), DEADLINE_POLICY: JSON.stringify(policy) } });
  s = await staff(t);
});
afterAll(() => t?.stop());

it('counts a ПОС message by the configured term and marks AT_RISK at the configured share', async () => {
  const { appeal } = await register(t, s.integration, {
    channel: 'POS',
    text: 'Сломаны качели',
    receivedAt: clock.now().toISOString(),
    category: 'housing.yard-improvement',
  });
  // 5 working days from Monday 2 March 2026: 3, 4, 5, 6 and 10 March (9 March is a day off).
  expect(appeal.deadline).toMatchObject({ rule: 'POS.answer.5wd', dueAt: new Date('2026-03-10T23:59:59.999+03:00').toISOString() });
  const due = Date.parse(appeal.deadline.dueAt);
  const total = due - clock.now().getTime();
  clock.set(new Date(due - 0.45 * total));
  expect((await ok(t, M.read, { id: appeal.id }, s.specialist)).deadline.state).toBe('AT_RISK');
});
