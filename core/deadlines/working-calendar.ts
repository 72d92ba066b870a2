import { DateTime } from 'luxon';
import type { ProductionYear } from './production-year.js';

/** Moscow time (UTC+3, no DST since 2014); the region pack's `timeZone` (TIME_ZONE) is what the app passes. */
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
  /** Zone offset (minutes) per UTC day, null for a day with an offset change. */
  private readonly offsets = new Map<number, number | null>();
  /** Working or not, per civil day (a missing year is never cached: it throws). */
  private readonly workingDays = new Map<number, boolean>();
  /** The instant each civil day ends, in ms. */
  private readonly dayEnds = new Map<number, number>();
  /** The civil day N working days after a civil day, by `day * MAX_MEMO_COUNT + n` (the calendar never changes). */
  private readonly workingDayAfter = new Map<number, number>();

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
    return this.isWorkingCivilDay(this.civilDay(date));
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
    const start = this.civilDay(from);
    const key = n < MAX_MEMO_COUNT ? start * MAX_MEMO_COUNT + n : NaN;
    let day = this.workingDayAfter.get(key);
    if (day === undefined) {
      day = start;
      for (let counted = 0; counted < n;) {
        day += 1;
        if (this.isWorkingCivilDay(day)) counted++;
      }
      if (n < MAX_MEMO_COUNT) remember(this.workingDayAfter, key, day);
    }
    return this.endOfCivilDay(day);
  }

  /**
   * End of the N-th calendar day after the day of `from` (59-ФЗ ст. 12 ч. 1:
   * "30 days from registration"; the day of registration does not count,
   * ГК РФ ст. 191). When that day is a day off, the end moves to the next
   * working day (ГК РФ ст. 193), unless `shiftToWorkingDay` is false.
   */
  addCalendarDays(from: Date, n: number, options: CalendarDaysOptions = {}): Date {
    assertCount(n, 'n');
    let day = this.civilDay(from) + n;
    if (options.shiftToWorkingDay ?? true) {
      while (!this.isWorkingCivilDay(day)) day += 1;
    }
    return this.endOfCivilDay(day);
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
    let day = this.civilDay(a);
    const end = this.civilDay(b);
    if (end < day) return -this.workingDaysBetween(b, a);
    let count = 0;
    while (day < end) {
      day += 1;
      if (this.isWorkingCivilDay(day)) count++;
    }
    return count;
  }

  /** The local calendar date (YYYY-MM-DD) of an instant in the calendar's zone. */
  localDate(date: Date): string {
    return civilIso(this.civilDay(date));
  }

  /*
   * Days are walked as civil dates (days since 1970-01-01, no zone), so that
   * the loops above cost integer steps; the zone is consulted only to find
   * the local day of an instant and the instant a local day ends. (Luxon's
   * zoned arithmetic per step made a 10-working-day term cost about 1 ms.)
   */
  private isWorkingCivilDay(day: number): boolean {
    let working = this.workingDays.get(day);
    if (working === undefined) {
      working = this.decideCivilDay(day);
      remember(this.workingDays, day, working);
    }
    return working;
  }

  private decideCivilDay(day: number): boolean {
    const date = new Date(day * DAY_MS);
    const year = date.getUTCFullYear();
    const data = this.byYear.get(year);
    const weekday = date.getUTCDay() >= 1 && date.getUTCDay() <= 5;
    if (!data) {
      if (this.fallbackToWeekdays) return weekday;
      throw new CalendarYearMissingError(year);
    }
    const iso = civilIso(day);
    return weekday ? !data.nonWorkingWeekdays.has(iso) : data.workingWeekends.has(iso);
  }

  /**
   * The civil day (days since the epoch) of the local date of `date` in the
   * calendar's zone. The zone's offset is looked up once per UTC day and
   * reused when it holds all day (no transition); otherwise luxon decides.
   */
  private civilDay(date: Date): number {
    const ms = this.valid(date).getTime();
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = this.offsets.get(utcDay);
    if (offset === undefined) {
      const start = DateTime.fromMillis(utcDay * DAY_MS, { zone: this.timeZone }).offset;
      const end = DateTime.fromMillis((utcDay + 1) * DAY_MS - 1, { zone: this.timeZone }).offset;
      offset = start === end ? start : null;
      remember(this.offsets, utcDay, offset);
    }
    if (offset === null) {
      const local = DateTime.fromMillis(ms, { zone: this.timeZone });
      return Date.UTC(local.year, local.month - 1, local.day) / DAY_MS;
    }
    return Math.floor((ms + offset * 60_000) / DAY_MS);
  }

  /** 23:59:59.999 local time of a civil day. */
  private endOfCivilDay(day: number): Date {
    let end = this.dayEnds.get(day);
    if (end === undefined) {
      const date = new Date(day * DAY_MS);
      end = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, { zone: this.timeZone })
        .endOf('day')
        .toMillis();
      remember(this.dayEnds, day, end);
    }
    return new Date(end);
  }

  private valid(date: Date): Date {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
    return date;
  }
}

const DAY_MS = 86_400_000;
/** Counts of working days remembered per start day (a term is a few days: 1, 10). */
const MAX_MEMO_COUNT = 1024;
/** The caches hold a few years of days; beyond this they start over rather than grow without end. */
const CACHE_LIMIT = 20_000;

function remember<V>(cache: Map<number, V>, key: number, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

/** YYYY-MM-DD of a civil day. */
function civilIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function assertCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}
