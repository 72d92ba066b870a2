import { expect } from 'vitest';
import { loadYearsFromDirectory } from './production-year.js';
import { WorkingCalendar } from './working-calendar.js';

/** The years of the default region pack (the engine itself reads no files). */
export const bundledCalendarDir = new URL('../../regions/mari-el/calendar/', import.meta.url);
export const loadBundledYears = () => loadYearsFromDirectory(bundledCalendarDir);

/** Shared by the deadline tests: the bundled calendar in Moscow time. */
export const calendar = new WorkingCalendar(loadBundledYears());

/** An explicit instant: every test time carries its offset. */
export const at = (iso: string): Date => {
  if (!/[+-]\d{2}:\d{2}$|Z$/.test(iso)) throw new Error(`test time without an offset: ${iso}`);
  return new Date(iso);
};

export function expectInstant(actual: Date | undefined, iso: string): void {
  expect(actual?.toISOString()).toBe(at(iso).toISOString());
}
