import { readdirSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * One year of the Russian production calendar, as data (DOMAIN.md, "Deadlines":
 * "the calendar must be data (a table per year, loadable), not code"). The
 * government decrees the transfers for a year each autumn (art. 112 ТК РФ), so
 * a new year must load from a file or a database row without a release.
 *
 * The schema checks the year against itself (weekday kinds, the stats) because
 * a wrong row silently moves every deadline of the year.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const transferSchema = z.object({
  from: isoDate,
  to: isoDate,
  /** The act that made it: a government resolution or art. 112 part 2 ТК РФ. */
  act: z.string().min(1),
});

const statsSchema = z.object({
  /** Working days of a 5-day week. */
  workdays5: z.number().int().positive(),
  daysOff: z.number().int().nonnegative(),
  /** Norm of hours for a 40-hour week: 8 per working day, 1 less on a short day (art. 95 ТК РФ). */
  hours40: z.number().int().positive(),
});

const baseSchema = z.object({
  year: z.number().int().min(1992).max(2100),
  country: z.literal('RU').default('RU'),
  /** Art. 112 holiday dates plus every non-working weekday (see `conventions`). */
  holidays: z.array(isoDate),
  /** Weekdays (Mon-Fri) that are days off: holidays, transfers, art. 112 part 2 shifts. */
  nonWorkingWeekdays: z.array(isoDate),
  statutoryHolidaysArt112: z.array(isoDate).optional(),
  /** Saturdays and Sundays made working days by a transfer. */
  workingWeekends: z.array(isoDate),
  /** Working days shortened by one hour (art. 95 ТК РФ); they still count as working days. */
  shortDays: z.array(isoDate),
  transfers: z.array(transferSchema),
  stats: statsSchema,
  sources: z.array(z.string()).default([]),
  sourcesNote: z.string().optional(),
  conventions: z.record(z.string(), z.string()).optional(),
  notes: z.string().optional(),
});

export type ProductionYear = z.infer<typeof baseSchema>;

function parseDay(iso: string): DateTime | null {
  const d = DateTime.fromISO(iso, { zone: 'UTC' });
  return d.isValid ? d : null;
}

export const productionYearSchema = baseSchema.superRefine((y, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const lists = ['holidays', 'nonWorkingWeekdays', 'workingWeekends', 'shortDays'] as const;
  for (const list of lists) {
    const seen = new Set<string>();
    y[list].forEach((iso, i) => {
      const d = parseDay(iso);
      if (!d) return issue([list, i], `${iso} is not a calendar date`);
      if (d.year !== y.year) issue([list, i], `${iso} is not in ${y.year}`);
      if (seen.has(iso)) issue([list, i], `${iso} is listed twice`);
      seen.add(iso);
      const weekend = d.weekday >= 6;
      if (list === 'nonWorkingWeekdays' && weekend) issue([list, i], `${iso} is a weekend, not a weekday`);
      if (list === 'workingWeekends' && !weekend) issue([list, i], `${iso} is a weekday, not a weekend`);
    });
  }
  const nonWorking = new Set(y.nonWorkingWeekdays);
  const workingWeekends = new Set(y.workingWeekends);
  const holidays = new Set(y.holidays);
  y.nonWorkingWeekdays.forEach((iso, i) => {
    if (!holidays.has(iso)) issue(['nonWorkingWeekdays', i], `${iso} is missing from holidays`);
  });
  y.shortDays.forEach((iso, i) => {
    const d = parseDay(iso);
    const working = d !== null && (workingWeekends.has(iso) || (d.weekday <= 5 && !nonWorking.has(iso)));
    if (!working) issue(['shortDays', i], `${iso} is a short day but not a working day`);
  });
  y.transfers.forEach((t, i) => {
    if (!parseDay(t.from)) issue(['transfers', i, 'from'], `${t.from} is not a calendar date`);
    if (parseDay(t.to)?.year === y.year && !nonWorking.has(t.to)) {
      issue(['transfers', i, 'to'], `${t.to} receives a day off but is not in nonWorkingWeekdays`);
    }
  });
  // The published norm is the cross-check for the lists above.
  const start = DateTime.utc(y.year, 1, 1);
  const daysInYear = start.daysInYear;
  let workdays = 0;
  for (let d = start; d.year === y.year; d = d.plus({ days: 1 })) {
    const iso = d.toISODate()!;
    if (workingWeekends.has(iso) || (d.weekday <= 5 && !nonWorking.has(iso))) workdays++;
  }
  if (y.stats.workdays5 !== workdays) {
    issue(['stats', 'workdays5'], `the lists give ${workdays} working days, stats say ${y.stats.workdays5}`);
  }
  if (y.stats.daysOff !== daysInYear - workdays) {
    issue(['stats', 'daysOff'], `the lists give ${daysInYear - workdays} days off, stats say ${y.stats.daysOff}`);
  }
  const hours = workdays * 8 - y.shortDays.length;
  if (y.stats.hours40 !== hours) issue(['stats', 'hours40'], `the lists give ${hours} hours, stats say ${y.stats.hours40}`);
});

export class ProductionYearInvalidError extends Error {
  readonly code = 'PRODUCTION_YEAR_INVALID';
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`Invalid production calendar ${source}: ${issues.join('; ')}`);
    this.name = 'ProductionYearInvalidError';
  }
}

/** Validates one year from any source (a bundled file, a database row, an admin upload). */
export function parseProductionYear(raw: unknown, source = 'input'): ProductionYear {
  const parsed = productionYearSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProductionYearInvalidError(
      source,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

const YEAR_FILE = /^ru-(\d{4})\.json$/;

/** Reads every `ru-YYYY.json` of a folder, so that a new year is one new file. */
export function loadYearsFromDirectory(dir: URL): ProductionYear[] {
  const files = readdirSync(dir)
    .filter((f) => YEAR_FILE.test(f))
    .sort();
  return files.map((file) => {
    const year = parseProductionYear(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file);
    if (String(year.year) !== YEAR_FILE.exec(file)![1]) {
      throw new ProductionYearInvalidError(file, [`the file name says ${file}, the data says ${year.year}`]);
    }
    return year;
  });
}
