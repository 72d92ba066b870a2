import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { fails, ok, REGISTER, ext } from './lifecycle-helpers.js';

const LOAD = 'mutation($year: Int!, $data: JSON!) { loadProductionCalendar(year: $year, data: $data) { year workingDays loadedYears } }';

/**
 * A synthetic year (no transfers: the government has not decreed 2028's yet):
 * the art. 112 holidays that fall on weekdays are days off.
 */
function synthetic2028() {
  const holidays = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'].map(
    (d) => `2028-${d}`,
  );
  const weekday = (iso: string) => [1, 2, 3, 4, 5].includes(new Date(`${iso}T12:00:00Z`).getUTCDay());
  const nonWorkingWeekdays = holidays.filter(weekday);
  let workdays = 0;
  for (let d = Date.UTC(2028, 0, 1); new Date(d).getUTCFullYear() === 2028; d += 86_400_000) {
    const iso = new Date(d).toISOString().slice(0, 10);
    if (weekday(iso) && !nonWorkingWeekdays.includes(iso)) workdays++;
  }
  return {
    year: 2028,
    country: 'RU',
    holidays,
    nonWorkingWeekdays,
    workingWeekends: [],
    shortDays: [],
    transfers: [],
    stats: { workdays5: workdays, daysOff: 366 - workdays, hours40: workdays * 8 },
    sources: ['synthetic test data'],
  };
}

let t: TestApp;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock('2028-01-05T10:00:00+03:00');
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
});
afterAll(() => t?.stop());

describe('loadProductionCalendar', () => {
  it('loads a new year as data, after which deadlines in it can be computed, without a restart', async () => {
    const { token: integration } = await t.user(Role.INTEGRATION);
    const { token: admin } = await t.user(Role.ADMIN);
    const input = { channel: 'POS', externalId: ext(), text: 'Нет освещения', receivedAt: clock.now().toISOString() };
    const before = await fails(t, REGISTER, { input }, integration);
    expect(before.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt', year: 2028 });

    const data = synthetic2028();
    const loaded = await ok(t, LOAD, { year: 2028, data }, admin);
    expect(loaded).toMatchObject({ year: 2028, workingDays: data.stats.workdays5 });
    expect(loaded.loadedYears).toEqual(expect.arrayContaining([2025, 2026, 2027, 2028]));

    const { appeal } = await ok(t, REGISTER, { input }, integration);
    // Wednesday 5 January 2028 is in the holidays; 10 working days from Monday 10 January: Friday 21 January.
    expect(appeal.deadline.dueAt).toBe(new Date('2028-01-21T23:59:59.999+03:00').toISOString());
    const [row] = await t.em().execute('select year from production_calendar_year where year = 2028');
    expect(row.year).toBe(2028);
  });

  it('refuses data that contradicts itself, naming the field, and a year that does not match', async () => {
    const { token: admin } = await t.user(Role.ADMIN);
    const data = synthetic2028();
    const wrongStats = await fails(t, LOAD, { year: 2028, data: { ...data, stats: { ...data.stats, workdays5: data.stats.workdays5 + 1 } } }, admin);
    expect(wrongStats.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'data.stats.workdays5' });
    const weekend = await fails(t, LOAD, { year: 2028, data: { ...data, nonWorkingWeekdays: [...data.nonWorkingWeekdays, '2028-01-15'] } }, admin);
    expect(weekend.extensions?.code).toBe('BAD_USER_INPUT');
    const mismatch = await fails(t, LOAD, { year: 2029, data }, admin);
    expect(mismatch.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'data.year' });
  });

  it('is for administrators only', async () => {
    const { token } = await t.user(Role.CENTER_HEAD);
    const error = await fails(t, LOAD, { year: 2028, data: synthetic2028() }, token);
    expect(error.extensions?.code).toBe('FORBIDDEN');
  });
});
