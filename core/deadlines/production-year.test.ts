import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledCalendarDir as bundledDir, loadBundledYears } from './test-helpers.js';
import { loadYearsFromDirectory, parseProductionYear, ProductionYearInvalidError } from './production-year.js';

const raw2025 = () => JSON.parse(readFileSync(new URL('ru-2025.json', bundledDir), 'utf8'));

describe('bundled production calendar', () => {
  it('loads 2025, 2026 and 2027 with their transfers, acts and sources', () => {
    const years = loadBundledYears();
    expect(years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    const y2025 = years[0];
    expect(y2025.workingWeekends).toEqual(['2025-11-01']);
    expect(y2025.transfers).toContainEqual({
      from: '2025-11-01',
      to: '2025-11-03',
      act: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
    });
    expect(y2025.shortDays).toEqual(['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01']);
    expect(y2025.stats).toEqual({ workdays5: 247, daysOff: 118, hours40: 1972 });
    for (const y of years) expect(y.sources.length).toBeGreaterThan(0);
    expect(years[2].transfers.map((t) => t.act)).toContain('Постановление Правительства РФ от 17.09.2026 № 1187 «О переносе выходных дней в 2027 году»');
  });

  it('keeps the research fields: art. 112 dates, conventions, notes', () => {
    for (const y of loadBundledYears()) {
      expect(y.statutoryHolidaysArt112, String(y.year)).toHaveLength(14);
      expect(y.conventions?.holidays).toMatch(/art\. 112/);
      expect(y.notes).toMatch(/Confidence/);
    }
  });
});

describe('loading a new year without a code change', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('picks up every ru-YYYY.json of the folder', () => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    const url = pathToFileURL(dir + '/');
    copyFileSync(new URL('ru-2025.json', bundledDir), join(dir, 'ru-2025.json'));
    expect(loadYearsFromDirectory(url).map((y) => y.year)).toEqual([2025]);
    copyFileSync(new URL('ru-2026.json', bundledDir), join(dir, 'ru-2026.json'));
    writeFileSync(join(dir, 'README.txt'), 'not a year');
    expect(loadYearsFromDirectory(url).map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('refuses a file whose name and data disagree', () => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    copyFileSync(new URL('ru-2025.json', bundledDir), join(dir, 'ru-2028.json'));
    expect(() => loadYearsFromDirectory(pathToFileURL(dir + '/'))).toThrow(/ru-2028\.json/);
  });
});

describe('productionYearSchema', () => {
  it('accepts a database row with only the required fields', () => {
    const { sources, sourcesNote, conventions, notes, statutoryHolidaysArt112, country, ...row } = raw2025();
    expect(parseProductionYear(row).year).toBe(2025);
  });

  it('refuses a row whose lists do not give the stated number of working days', () => {
    const row = raw2025();
    row.nonWorkingWeekdays = row.nonWorkingWeekdays.filter((d: string) => d !== '2025-12-31');
    row.holidays = row.holidays.filter((d: string) => d !== '2025-12-31');
    expect(() => parseProductionYear(row, 'row 2025')).toThrow(ProductionYearInvalidError);
    expect(() => parseProductionYear(row, 'row 2025')).toThrow(/248 working days, stats say 247/);
  });

  it('refuses a weekday listed as a working weekend and a date of another year', () => {
    const row = raw2025();
    row.workingWeekends = ['2025-10-31'];
    expect(() => parseProductionYear(row)).toThrow(/2025-10-31 is a weekday/);
    const other = raw2025();
    other.shortDays = [...other.shortDays, '2026-04-30'];
    expect(() => parseProductionYear(other)).toThrow(/2026-04-30 is not in 2025/);
  });
});
