import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadPackTables, loadRegionPack } from './region-pack.loader.js';
import { RegionPackError } from './region-pack-error.js';
import { regionTables, rowFields } from './sector-tables.js';

const FIXTURE = new URL('../../test/fixtures/regions/zarechye/', import.meta.url);
let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

/** A plugin as the loader sees it: a code and its tables (a library table, here). */
const libraryRow = z.strictObject({
  code: rowFields.code,
  name: rowFields.text,
  municipalityCode: rowFields.municipalityCode,
  organizationCode: rowFields.organizationCode.optional(),
  seats: z.number().int().nonnegative(),
});
const plugin = () => ({ code: 'culture', regionTables: regionTables({ libraries: libraryRow }) });
const LIBRARIES = [
  { code: 'oblast-library', name: 'Областная библиотека', municipalityCode: 'lugovoy', organizationCode: 'min-culture', seats: 120 },
  { code: 'berezovka-library', name: 'Библиотека в Берёзовке', municipalityCode: 'berezovsky', seats: 20 },
];

/** A copy of the test pack with `sectors/culture/<file>` holding the given data. */
function packWithTable(file: string, data: unknown): string {
  scratch = mkdtempSync(join(tmpdir(), 'cur-pack-'));
  const dir = join(scratch, 'zarechye');
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, 'sectors', 'culture'), { recursive: true });
  writeFileSync(join(dir, 'sectors', 'culture', file), typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return dir;
}

function refusal(dir: string, culture = plugin()): RegionPackError {
  try {
    loadPackTables(loadRegionPack(dir), [culture]);
  } catch (error) {
    if (error instanceof RegionPackError) return error;
    throw error;
  }
  throw new Error('the tables were accepted');
}

describe("a plugin's tables in the region pack (sectors/<plugin>/<table>.json)", () => {
  it('are read, checked and served to the plugin as rows; a pack without the file has none', () => {
    const culture = plugin();
    expect(() => culture.regionTables.rows('libraries')).toThrow(/before a region pack was loaded/);
    const dir = packWithTable('libraries.json', LIBRARIES);
    loadPackTables(loadRegionPack(dir), [culture]);
    expect(culture.regionTables.rows('libraries').map((row) => row.code)).toEqual(['oblast-library', 'berezovka-library']);
    expect(culture.regionTables.packDir).toBe(dir);
    loadPackTables(loadRegionPack('test/fixtures/regions/zarechye'), [culture]);
    expect(culture.regionTables.rows('libraries')).toEqual([]);
  });

  it.each([
    ['a wrong type', [LIBRARIES[0], { ...LIBRARIES[1], seats: 'двадцать' }], /sectors\/culture\/libraries\.json: row 2, field seats: expected a number$/],
    ['a missing field', [{ ...LIBRARIES[0], name: undefined }], /libraries\.json: row 1, field name: required, missing$/],
    ['an unknown field', [{ ...LIBRARIES[0], seat: 3 }], /libraries\.json: row 1, field seat: unknown field/],
    [
      'a municipality not in the pack',
      [{ ...LIBRARIES[0], municipalityCode: 'yoshkar-ola' }],
      /libraries\.json: row 1, field municipalityCode: "yoshkar-ola" is not a code of municipalities\.json$/,
    ],
    [
      'a body not in the pack',
      [LIBRARIES[1], { ...LIBRARIES[0], organizationCode: 'min-health' }],
      /libraries\.json: row 2, field organizationCode: "min-health" is not a code of organizations\.json$/,
    ],
    ['a file that is not a list', { 'oblast-library': {} }, /libraries\.json: expected a list of rows \(a JSON array\)$/],
  ])('refuses %s, naming the file, the row and the field', (_what, data, message) => {
    expect(refusal(packWithTable('libraries.json', data)).message).toMatch(message);
  });

  it("refuses a file that is none of the plugin's tables (a misspelt name would be an empty table), and changes no rows on a refusal", () => {
    const culture = plugin();
    loadPackTables(loadRegionPack(packWithTable('libraries.json', LIBRARIES)), [culture]);
    rmSync(scratch!, { recursive: true, force: true });
    expect(refusal(packWithTable('librarys.json', LIBRARIES), culture).message).toMatch(
      /sectors\/culture\/librarys\.json: not a table of the culture plugin \(its tables: libraries\.json\)$/,
    );
    expect(culture.regionTables.rows('libraries')).toHaveLength(2);
  });
});
