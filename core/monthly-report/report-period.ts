import { DateTime } from 'luxon';
import { badInput } from '../errors/errors.js';

export interface MonthPeriod {
  month: string;
  from: Date;
  to: Date;
}

/** A month `YYYY-MM` as [start, end) in the configured time zone. */
export function monthPeriod(month: string, zone: string, field = 'month'): MonthPeriod {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw badInput(field, 'Месяц в виде ГГГГ-ММ, например 2026-05');
  const start = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone });
  return { month, from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

export function shiftMonth(month: string, months: number): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'utc' }).plus({ months }).toFormat('yyyy-MM');
}
