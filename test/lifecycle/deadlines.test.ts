import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { ANSWER, fails, idOf, M, ok, register, staff, type Staff } from './lifecycle-helpers.js';

/**
 * Deadlines through the API, with the test's clock: the production calendar
 * (weekends, the New Year holidays, a transferred working day), the
 * extension, pauses, urgent sector rules, and the state as time passes.
 */
const HOUR = 3_600_000;
let t: TestApp;
let s: Staff;
let clock: ManualClock;
let yoshkarOla: string;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  s = await staff(t);
  yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
});
afterAll(() => t?.stop());

/** End of a Moscow day, as the API returns it. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59.999+03:00`).toISOString();

/** Registers an appeal received now (the clock set to `at`) on a non-urgent category. */
async function receive(at: string, channel: string, extra: Record<string, unknown> = {}) {
  clock.set(at);
  const { appeal } = await register(t, s.integration, {
    channel,
    text: 'Во дворе сломаны качели',
    receivedAt: clock.now().toISOString(),
    category: 'housing.yard-improvement',
    municipalityId: yoshkarOla,
    ...extra,
  });
  return appeal;
}

const read = (id: string) => ok(t, M.read, { id }, s.specialist);

describe('working days from the production calendar', () => {
  it('counts a ПОС message received on Friday evening from Monday: 10 working days', async () => {
    const appeal = await receive('2026-03-13T19:00:00+03:00', 'POS');
    expect(appeal.deadline).toMatchObject({ dueAt: endOfDay('2026-03-27'), rule: 'POS.answer.10wd', state: 'ON_TIME' });
  });

  it('gives an incident 4 hours for the first reaction, then 1 working day: Friday evening → end of Monday', async () => {
    const appeal = await receive('2026-03-13T20:00:00+03:00', 'SOCIAL_MEDIA');
    expect(appeal.deadline).toMatchObject({ dueAt: new Date('2026-03-14T00:00:00+03:00').toISOString(), rule: 'INCIDENT.reaction.4h' });
    clock.advance(HOUR);
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    expect(started.deadline).toMatchObject({ dueAt: endOfDay('2026-03-16'), rule: 'INCIDENT.answer.1wd' });
  });

  it('moves a 59-ФЗ registration term over a weekend and a transferred holiday, and the 30 days from a Sunday to Monday', async () => {
    // +3 days from Thursday 5 March is Sunday 8 March; Monday 9 March is the day off for it.
    const appeal = await receive('2026-03-05T10:00:00+03:00', 'EMAIL');
    expect(appeal.deadline).toMatchObject({ dueAt: endOfDay('2026-03-10'), rule: '59-FZ.registration.3d' });
    clock.set('2026-03-06T18:00:00+03:00');
    const registered = await ok(t, M.registerReceived, { id: appeal.id, v: appeal.version }, s.specialist);
    // 30 days from Friday 6 March end on Sunday 5 April: the term ends on Monday.
    expect(registered.deadline).toMatchObject({ dueAt: endOfDay('2026-04-06'), rule: '59-FZ.answer.30d' });
  });

  it('skips the New Year holidays: received on 29 December 2025', async () => {
    const letter = await receive('2025-12-29T10:00:00+03:00', 'EMAIL');
    // 1 January is a holiday and so is every weekday up to 9 January 2026.
    expect(letter.deadline.dueAt).toBe(endOfDay('2026-01-12'));
    const message = await receive('2025-12-29T10:00:00+03:00', 'POS');
    // 30 December is the only working day of 2025 left; then from 12 January.
    expect(message.deadline.dueAt).toBe(endOfDay('2026-01-22'));
  });

  it('ends a 30-day term that falls in the holidays on the first working day after them', async () => {
    const appeal = await receive('2025-12-05T10:00:00+03:00', 'EMAIL');
    const registered = await ok(t, M.registerReceived, { id: appeal.id, v: appeal.version }, s.specialist);
    expect(registered.deadline.dueAt).toBe(endOfDay('2026-01-12'));
  });

  it('counts a Saturday made a working day by the government (1 November 2025)', async () => {
    const incident = await receive('2025-10-31T10:00:00+03:00', 'SOCIAL_MEDIA');
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: incident.id, v: incident.version }, operator);
    expect(started.deadline.dueAt).toBe(endOfDay('2025-11-01'));
    // 3 November was made a day off in exchange, 4 November is a holiday.
    const message = await receive('2025-10-24T10:00:00+03:00', 'POS');
    expect(message.deadline.dueAt).toBe(endOfDay('2025-11-10'));
  });
});

describe('extension (59-ФЗ art. 12 part 2)', () => {
  async function registeredLetter() {
    const appeal = await receive('2026-03-02T10:00:00+03:00', 'EMAIL');
    const registered = await ok(t, M.registerReceived, { id: appeal.id, v: appeal.version }, s.specialist);
    expect(registered.deadline.dueAt).toBe(endOfDay('2026-04-01'));
    return registered;
  }

  it('extends once by at most 30 days, with a reason; a second extension is refused', async () => {
    const appeal = await registeredLetter();
    const operator = await s.operator('adm-yoshkar-ola');
    const noReason = await fails(t, M.extend, { id: appeal.id, reason: ' ', v: appeal.version }, operator);
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const tooLong = await fails(t, M.extend, { id: appeal.id, reason: 'Запрос в ФНС', days: 31, v: appeal.version }, operator);
    expect(tooLong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });

    const extended = await ok(t, M.extend, { id: appeal.id, reason: 'Направлен запрос в другой орган', v: appeal.version }, operator);
    // 1 April + 30 days is Friday 1 May, a holiday: the term ends on Monday 4 May.
    expect(extended.deadline).toMatchObject({ dueAt: endOfDay('2026-05-04'), extended: true, rule: '59-FZ.answer.30d' });
    const again = await fails(t, M.extend, { id: appeal.id, reason: 'Ещё раз', days: 5, v: extended.version }, operator);
    expect(again.extensions?.code).toBe('CONFLICT');
    const full = await read(appeal.id);
    expect(full.history.at(-1)).toMatchObject({ type: 'DEADLINE_EXTENDED', reason: 'Направлен запрос в другой орган' });
    expect(full.history.at(-1).data).toMatchObject({ days: 30, dueAt: { from: endOfDay('2026-04-01'), to: endOfDay('2026-05-04') } });
  });

  it('extends by fewer days when asked, and not after the term has run out', async () => {
    const appeal = await registeredLetter();
    const operator = await s.operator('adm-yoshkar-ola');
    const short = await ok(t, M.extend, { id: appeal.id, reason: 'Выезд на место', days: 10, v: appeal.version }, operator);
    expect(short.deadline.dueAt).toBe(endOfDay('2026-04-13'));

    const late = await registeredLetter();
    clock.set('2026-04-02T09:00:00+03:00');
    const error = await fails(t, M.extend, { id: late.id, reason: 'Поздно', v: late.version }, operator);
    expect(error.extensions?.code).toBe('CONFLICT');
  });
});

describe('pauses', () => {
  it('stops the clock while waiting for the author and keeps the paused time', async () => {
    const appeal = await receive('2026-03-02T10:00:00+03:00', 'POS');
    expect(appeal.deadline.dueAt).toBe(endOfDay('2026-03-17'));
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    clock.set('2026-03-03T10:00:00+03:00');
    const paused = await ok(t, M.pause, { id: appeal.id, reason: 'Запрошен номер дома', v: started.version }, operator);
    expect(paused.deadline.paused).toBe(true);
    const remainingAtPause = paused.deadline.remainingHours;
    clock.set('2026-03-06T10:00:00+03:00');
    expect((await read(appeal.id)).deadline).toMatchObject({ paused: true, remainingHours: remainingAtPause, state: 'ON_TIME' });
    const again = await fails(t, M.pause, { id: appeal.id, reason: 'Ещё раз', v: paused.version }, operator);
    expect(again.extensions).toMatchObject({ code: 'CONFLICT', allowed: expect.arrayContaining(['RESUME']) });

    const resumed = await ok(t, M.resume, { id: appeal.id, v: paused.version }, operator);
    // Three days paused: three days later.
    expect(resumed.deadline).toMatchObject({ paused: false, pausedHours: 72, dueAt: new Date(Date.parse(endOfDay('2026-03-17')) + 72 * HOUR).toISOString() });
    expect(resumed.deadline.remainingHours).toBeCloseTo(remainingAtPause, 6);

    // A second pause adds to the first; none of it is lost.
    clock.set('2026-03-09T10:00:00+03:00');
    await ok(t, M.pause, { id: appeal.id, reason: 'Уточнение адреса', v: resumed.version }, operator);
    clock.set('2026-03-10T10:00:00+03:00');
    const twice = await ok(t, M.resume, { id: appeal.id, v: resumed.version + 1 }, operator);
    expect(twice.deadline).toMatchObject({ pausedHours: 96, dueAt: new Date(Date.parse(endOfDay('2026-03-17')) + 96 * HOUR).toISOString() });
  });

  it('ends a running pause when the body answers, counting the paused time', async () => {
    const appeal = await receive('2026-03-02T10:00:00+03:00', 'POS');
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    const paused = await ok(t, M.pause, { id: appeal.id, reason: 'Уточнение', v: started.version }, operator);
    clock.advance(24 * HOUR);
    const answered = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: paused.version }, operator);
    expect(answered.deadline).toMatchObject({ paused: false, pausedHours: 24 });
  });
});

describe('urgent sector rules', () => {
  it('let a plugin’s shorter deadline beat the statutory one, and keep both in the explanation', async () => {
    clock.set('2026-01-20T10:00:00+03:00');
    const { appeal } = await register(t, s.integration, {
      channel: 'POS',
      text: 'В квартире не греют батареи, +14',
      receivedAt: clock.now().toISOString(),
      category: 'housing.heating',
      municipalityId: yoshkarOla,
    });
    expect(appeal.deadline).toMatchObject({ rule: 'housing.no-heating-in-season', dueAt: new Date('2026-01-21T10:00:00+03:00').toISOString() });
    const rules = Object.fromEntries(appeal.deadline.rules.map((r: any) => [r.code, r]));
    expect(rules['POS.answer.10wd']).toMatchObject({ deciding: false, dueAt: endOfDay('2026-02-03') });
    expect(rules['housing.no-heating-in-season'].deciding).toBe(true);
    // In summer the same category has no urgent rule.
    clock.set('2026-07-20T10:00:00+03:00');
    const { appeal: summer } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Батареи холодные',
      receivedAt: clock.now().toISOString(),
      category: 'housing.heating',
      municipalityId: yoshkarOla,
    });
    expect(summer.deadline.rule).toBe('POS.answer.10wd');
  });

  it('apply to a 59-ФЗ letter from registration on, counted from receipt; and refuse an extension of an urgent term', async () => {
    clock.set('2026-03-02T10:00:00+03:00');
    const { appeal } = await register(t, s.integration, {
      channel: 'WRITTEN',
      text: 'Скорая не приехала на вызов к пожилому отцу',
      receivedAt: clock.now().toISOString(),
      category: 'health.ambulance',
    });
    expect(appeal.deadline.rule).toBe('59-FZ.registration.3d');
    clock.advance(HOUR);
    const registered = await ok(t, M.registerReceived, { id: appeal.id, v: appeal.version }, s.specialist);
    expect(registered.deadline).toMatchObject({ rule: 'health.ambulance-not-arriving', dueAt: new Date('2026-03-02T14:00:00+03:00').toISOString() });
    const error = await fails(t, M.extend, { id: appeal.id, reason: 'Нужна проверка', v: registered.version }, s.specialist);
    expect(error.extensions?.code).toBe('CONFLICT');
  });
});

describe('the deadline state as time passes', () => {
  it('is ON_TIME, then AT_RISK with less than 20% left, then OVERDUE; an answer after the term is MISSED', async () => {
    const appeal = await receive('2026-03-02T10:00:00+03:00', 'POS');
    const due = Date.parse(endOfDay('2026-03-17'));
    const total = due - Date.parse('2026-03-02T10:00:00+03:00');
    const at = async (ms: number) => {
      clock.set(new Date(ms));
      return (await read(appeal.id)).deadline;
    };
    expect((await at(due - 0.21 * total)).state).toBe('ON_TIME');
    const risk = await at(due - 0.19 * total);
    expect(risk.state).toBe('AT_RISK');
    // Rounded to a tenth of an hour for people: never −9027.062377….
    expect(risk.remainingHours).toBe(Math.round(((0.19 * total) / HOUR) * 10) / 10);
    const overdue = await at(due + 2 * HOUR);
    expect(overdue).toMatchObject({ state: 'OVERDUE', remainingHours: -2 });
    const filtered = await t.gql(`{ appeals(filter: { overdue: true, search: "${appeal.number}" }) { totalCount } }`, {}, s.specialist);
    expect(filtered.data.appeals.totalCount).toBe(1);

    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    const answered = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: started.version }, operator);
    expect(answered.deadline.state).toBe('OVERDUE');
    const accepted = await ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: answered.version }, s.specialist);
    expect(accepted.deadline).toMatchObject({ state: 'MISSED', remainingHours: null });
  });

  it('is MET for an answer accepted in time', async () => {
    const appeal = await receive('2026-03-02T10:00:00+03:00', 'POS');
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    const answered = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: started.version }, operator);
    clock.advance(48 * HOUR);
    const accepted = await ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: answered.version }, s.specialist);
    expect(accepted.deadline.state).toBe('MET');
    clock.advance(60 * 24 * HOUR);
    expect((await read(appeal.id)).deadline.state).toBe('MET');
  });
});
