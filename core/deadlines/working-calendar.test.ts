import { describe, expect, it } from 'vitest';
import { loadBundledYears } from './test-helpers.js';
import { at, calendar, expectInstant } from './test-helpers.js';
import { CalendarYearMissingError, WorkingCalendar } from './working-calendar.js';

describe('WorkingCalendar.isWorkingDay', () => {
  it('has exactly 247 working days in each bundled year, as the data stats say', () => {
    for (const year of loadBundledYears()) {
      let count = 0;
      for (let d = at(`${year.year}-01-01T12:00:00+03:00`); calendar.localDate(d).startsWith(`${year.year}-`);) {
        if (calendar.isWorkingDay(d)) count++;
        d = new Date(d.getTime() + 86_400_000);
      }
      expect(count, String(year.year)).toBe(year.stats.workdays5);
      expect(count, String(year.year)).toBe(247);
    }
  });

  it('follows transfers, not weekdays', () => {
    expect(calendar.isWorkingDay(at('2025-11-01T12:00:00+03:00'))).toBe(true); // working Saturday
    expect(calendar.isWorkingDay(at('2025-11-03T12:00:00+03:00'))).toBe(false); // its day off, a Monday
    // 8 March 2025 (Sat) was moved to 13 June, so Monday 10 March stayed a working day.
    expect(calendar.isWorkingDay(at('2025-03-10T12:00:00+03:00'))).toBe(true);
    expect(calendar.isWorkingDay(at('2025-06-13T12:00:00+03:00'))).toBe(false);
    expect(calendar.isWorkingDay(at('2027-02-20T12:00:00+03:00'))).toBe(true); // working Saturday of 2027
  });

  it('judges the local day in Moscow, not the UTC day', () => {
    // 22:00 UTC on 30 Dec is 01:00 on 31 Dec in Moscow: a day off.
    expect(calendar.isWorkingDay(at('2025-12-30T22:00:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(at('2025-12-30T20:00:00Z'))).toBe(true);
    const utc = new WorkingCalendar(loadBundledYears(), { timeZone: 'UTC' });
    expect(utc.isWorkingDay(at('2025-12-30T22:00:00Z'))).toBe(true);
  });

  it('throws for a year it has no data for, naming the year', () => {
    expect(() => calendar.isWorkingDay(at('2024-05-06T12:00:00+03:00'))).toThrow(CalendarYearMissingError);
    try {
      calendar.addWorkingDays(at('2027-12-29T12:00:00+03:00'), 5);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarYearMissingError);
      expect((e as CalendarYearMissingError).year).toBe(2028);
    }
  });

  it('guesses by weekday only when the fallback is switched on', () => {
    const lenient = new WorkingCalendar(loadBundledYears(), { fallbackToWeekdays: true });
    expect(lenient.isWorkingDay(at('2028-01-03T12:00:00+03:00'))).toBe(true); // a Monday (really a holiday)
    expect(lenient.isWorkingDay(at('2028-01-08T12:00:00+03:00'))).toBe(false); // a Saturday
    expect(lenient.isWorkingDay(at('2025-01-06T12:00:00+03:00'))).toBe(false); // loaded years still use data
  });

  it('refuses an unknown time zone and a year given twice', () => {
    expect(() => new WorkingCalendar([], { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
    const [y] = loadBundledYears();
    expect(() => new WorkingCalendar([y, y])).toThrow(/2025 given twice/);
    expect(calendar.years()).toEqual([2025, 2026, 2027]);
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it('skips the weekend: Friday + 1 working day ends on Monday', () => {
    expectInstant(calendar.addWorkingDays(at('2025-03-14T16:00:00+03:00'), 1), '2025-03-17T23:59:59.999+03:00');
  });

  it('does not count the day of receipt', () => {
    expectInstant(calendar.addWorkingDays(at('2025-03-17T00:00:01+03:00'), 1), '2025-03-18T23:59:59.999+03:00');
  });

  it('crosses the New Year holidays', () => {
    // 30 Dec counts; 31 Dec and 1-11 Jan 2026 are days off (9 Jan by Resolution No. 1466).
    expectInstant(calendar.addWorkingDays(at('2025-12-29T10:00:00+03:00'), 10), '2026-01-22T23:59:59.999+03:00');
    expectInstant(calendar.addWorkingDays(at('2025-12-30T10:00:00+03:00'), 1), '2026-01-12T23:59:59.999+03:00');
  });

  it('counts a transferred working Saturday', () => {
    expectInstant(calendar.addWorkingDays(at('2025-10-31T10:00:00+03:00'), 1), '2025-11-01T23:59:59.999+03:00');
    // 3 Nov (the transferred day off) and 4 Nov (holiday) are skipped.
    expectInstant(calendar.addWorkingDays(at('2025-10-31T10:00:00+03:00'), 2), '2025-11-05T23:59:59.999+03:00');
  });

  it('is the inverse of workingDaysBetween', () => {
    const from = at('2025-12-25T09:00:00+03:00');
    for (const n of [1, 3, 10, 40]) expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n))).toBe(n);
    expect(calendar.workingDaysBetween(at('2026-01-12T09:00:00+03:00'), at('2025-12-29T09:00:00+03:00'))).toBe(-2);
  });
});

describe('WorkingCalendar.addCalendarDays and addHours', () => {
  it('moves a term ending on a day off to the next working day (ГК РФ ст. 193)', () => {
    // 1 Dec + 30 days = 31 Dec 2025, a day off; the next working day is 12 Jan 2026.
    expectInstant(calendar.addCalendarDays(at('2025-12-01T11:00:00+03:00'), 30), '2026-01-12T23:59:59.999+03:00');
    expectInstant(calendar.addCalendarDays(at('2025-12-01T11:00:00+03:00'), 30, { shiftToWorkingDay: false }), '2025-12-31T23:59:59.999+03:00');
  });

  it('leaves a term ending on a working day alone', () => {
    expectInstant(calendar.addCalendarDays(at('2025-03-03T11:00:00+03:00'), 30), '2025-04-02T23:59:59.999+03:00');
  });

  it('adds plain elapsed hours, over days off too', () => {
    expectInstant(calendar.addHours(at('2025-12-31T22:30:00+03:00'), 4), '2026-01-01T02:30:00+03:00');
  });
});
