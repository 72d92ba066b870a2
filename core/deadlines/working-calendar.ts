import { DateTime } from 'luxon';
import type { ProductionYear } from './production-year.js';

/** Mari El lives on Moscow time (UTC+3, no DST since 2014). */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/**
 * The production calendar of a year is not loaded. Deciding by weekday alone
 * would be wrong for every holiday and transfer of that year (1-8 January
 * alone), so the calendar refuses instead of guessing.
 */
export class CalendarYearMissingError extends Error {
  readonly code = 'CALENDAR_YEAR_MISSING';
  constructor(readonly year: number) {
    super(`Производственный календарь на ${year} год не загружен (production calendar for ${year} is missing)`);
    this.name = 'CalendarYearMissingError';
  }
}

export interface WorkingCalendarOptions {
  /** IANA zone whose local days are counted; default Europe/Moscow. */
  timeZone?: string;
  /**
   * For a year with no data, treat Mon-Fri as working days instead of throwing.
   * Off by default: it is wrong on every holiday of that year. Meant only for
   * callers that must give an estimate (e.g. a far-future simulation).
   */
  fallbackToWeekdays?: boolean;
}

export interface CalendarDaysOptions {
  /**
   * If the last day is a day off, the term ends on the next working day
   * (ГК РФ ст. 193, applied by analogy in the practice of 59-ФЗ). Default true.
   */
  shiftToWorkingDay?: boolean;
}

interface YearDays {
  nonWorkingWeekdays: Set<string>;
  workingWeekends: Set<string>;
}

const HOUR_MS = 3_600_000;

export class WorkingCalendar {
  readonly timeZone: string;
  readonly fallbackToWeekdays: boolean;
  private readonly byYear = new Map<number, YearDays>();

  constructor(years: ProductionYear[], options: WorkingCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.fallbackToWeekdays = options.fallbackToWeekdays ?? false;
    if (!DateTime.now().setZone(this.timeZone).isValid) {
      throw new RangeError(`Unknown IANA time zone: ${this.timeZone}`);
    }
    for (const y of years) {
      if (this.byYear.has(y.year)) throw new RangeError(`Production calendar year ${y.year} given twice`);
      this.byYear.set(y.year, {
        nonWorkingWeekdays: new Set(y.nonWorkingWeekdays),
        workingWeekends: new Set(y.workingWeekends),
      });
    }
  }

  /** Loaded years, ascending. */
  years(): number[] {
    return [...this.byYear.keys()].sort((a, b) => a - b);
  }

  /** Whether the local day (in the calendar's zone) of `date` is a working day. */
  isWorkingDay(date: Date): boolean {
    return this.isWorkingLocalDay(this.local(date));
  }

  /**
   * "N working days from receipt": the day of `from` itself does not count
   * (as with a term in days, ГК РФ ст. 191: it starts the next day); the
   * deadline is the END (23:59:59.999 local) of the N-th working day after it.
   * Received on Friday with 1 working day: due at the end of Monday.
   * n = 0 gives the end of the day of `from`.
   */
  addWorkingDays(from: Date, n: number): Date {
    assertCount(n, 'n');
    let day = this.local(from).startOf('day');
    for (let counted = 0; counted < n; ) {
      day = day.plus({ days: 1 });
      if (this.isWorkingLocalDay(day)) counted++;
    }
    return day.endOf('day').toJSDate();
  }

  /**
   * End of the N-th calendar day after the day of `from` (59-ФЗ ст. 12 ч. 1:
   * "30 days from registration"; the day of registration does not count,
   * ГК РФ ст. 191). When that day is a day off, the end moves to the next
   * working day (ГК РФ ст. 193), unless `shiftToWorkingDay` is false.
   */
  addCalendarDays(from: Date, n: number, options: CalendarDaysOptions = {}): Date {
    assertCount(n, 'n');
    let day = this.local(from).startOf('day').plus({ days: n });
    if (options.shiftToWorkingDay ?? true) {
      while (!this.isWorkingLocalDay(day)) day = day.plus({ days: 1 });
    }
    return day.endOf('day').toJSDate();
  }

  /** Plain elapsed hours: incidents are worked around the clock. */
  addHours(from: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a non-negative number, got ${hours}`);
    return new Date(this.valid(from).getTime() + hours * HOUR_MS);
  }

  /**
   * Working days after the day of `a` up to and including the day of `b`, so
   * that `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when
   * `b` is before `a`.
   */
  workingDaysBetween(a: Date, b: Date): number {
    let day = this.local(a).startOf('day');
    const end = this.local(b).startOf('day');
    if (end < day) return -this.workingDaysBetween(b, a);
    let count = 0;
    while (day < end) {
      day = day.plus({ days: 1 });
      if (this.isWorkingLocalDay(day)) count++;
    }
    return count;
  }

  /** The local calendar date (YYYY-MM-DD) of an instant in the calendar's zone. */
  localDate(date: Date): string {
    return this.local(date).toISODate()!;
  }

  private isWorkingLocalDay(day: DateTime): boolean {
    const data = this.byYear.get(day.year);
    const weekday = day.weekday <= 5;
    if (!data) {
      if (this.fallbackToWeekdays) return weekday;
      throw new CalendarYearMissingError(day.year);
    }
    const iso = day.toISODate()!;
    return weekday ? !data.nonWorkingWeekdays.has(iso) : data.workingWeekends.has(iso);
  }

  private local(date: Date): DateTime {
    return DateTime.fromJSDate(this.valid(date), { zone: this.timeZone });
  }

  private valid(date: Date): Date {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
    return date;
  }
}

function assertCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}
