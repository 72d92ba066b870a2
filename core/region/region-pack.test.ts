import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegionPack } from './region-pack.loader.js';
import { RegionPackError } from './region-pack-error.js';
import { loadConfig } from '../config/config.js';

const FIXTURE = new URL('../../test/fixtures/regions/zarechye/', import.meta.url);
let scratch: string | null = null;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

/** A copy of the test pack (folder named by its code) with one file changed. */
function packWith(file: string, change: (data: any) => unknown): string {
  scratch = mkdtempSync(join(tmpdir(), 'cur-pack-'));
  const dir = join(scratch, 'zarechye');
  cpSync(FIXTURE, dir, { recursive: true });
  const path = join(dir, file);
  const changed = change(JSON.parse(readFileSync(path, 'utf8')));
  writeFileSync(path, typeof changed === 'string' ? changed : JSON.stringify(changed, null, 2));
  return dir;
}

function refusal(dir: string): RegionPackError {
  try {
    loadRegionPack(dir);
  } catch (error) {
    if (error instanceof RegionPackError) return error;
    throw error;
  }
  throw new Error('the pack was accepted');
}

describe('a region pack on load', () => {
  it('loads the test pack and the default pack, each with its own settings', () => {
    const pack = loadRegionPack('test/fixtures/regions/zarechye');
    expect(pack.region).toMatchObject({ code: 'zarechye', registrationCode: '00', timeZone: 'Asia/Vladivostok' });
    expect(pack.municipalities.map((m) => m.code)).toEqual(['lugovoy', 'berezovsky', 'tikhorechny']);
    expect(pack.calendar.map((y) => y.year)).toEqual([2027]);
    // Notes are for people: the core does not carry them.
    expect(pack.organizations.find((o) => o.code === 'min-culture')).not.toHaveProperty('note');
    expect(loadRegionPack().region.code).toBe(loadRegionPack('mari-el').region.code);
  });

  it('refuses a wrong type naming the file, the row and the field', () => {
    const dir = packWith('municipalities.json', (rows) => ((rows[2].population = 'много'), rows));
    const error = refusal(dir);
    expect(error.message).toMatch(/zarechye\/municipalities\.json: row 3, field population: expected a number$/);
    expect(error).toMatchObject({ row: 3, field: 'population' });
  });

  it.each([
    ['a missing field', 'organizations.json', (rows: any[]) => (delete rows[1].name, rows), /organizations\.json: row 2, field name: required, missing$/],
    [
      'an unknown field (a typo)',
      'organizations.json',
      (rows: any[]) => ((rows[0].sector = ['x']), rows),
      /organizations\.json: row 1, field sector: unknown field/,
    ],
    [
      'a kind not in the list',
      'municipalities.json',
      (rows: any[]) => ((rows[0].kind = 'VILLAGE'), rows),
      /municipalities\.json: row 1, field kind: expected one of CITY_DISTRICT, MUNICIPAL_DISTRICT$/,
    ],
    [
      'a bad item of a list',
      'municipalities.json',
      (rows: any[]) => ((rows[1].settlements[1] = ''), rows),
      /municipalities\.json: row 2, field settlements\.1: expected a non-empty string$/,
    ],
    [
      'a NUL byte',
      'municipalities.json',
      (rows: any[]) => ((rows[0].center = 'Луг\u0000овой'), rows),
      /municipalities\.json: row 1, field center: contains a NUL byte$/,
    ],
    ['a file that is not a list', 'municipalities.json', () => ({ lugovoy: {} }), /municipalities\.json: expected a list of rows \(a JSON array\)$/],
    ['broken JSON', 'organizations.json', () => '[{"code": "cur",', /organizations\.json: not valid JSON/],
    [
      'a bad time zone',
      'region.json',
      (region: any) => ((region.timeZone = 'Europe/Yoshkar'), region),
      /region\.json: field timeZone: expected an IANA time zone/,
    ],
    [
      'a registration code of three digits',
      'region.json',
      (region: any) => ((region.registrationCode = '120'), region),
      /region\.json: field registrationCode: expected two digits/,
    ],
    [
      'a code that is not the folder',
      'region.json',
      (region: any) => ((region.code = 'elsewhere'), region),
      /region\.json: field code: the code is "elsewhere" but the folder is "zarechye"$/,
    ],
    [
      'a code used twice',
      'municipalities.json',
      (rows: any[]) => ((rows[2].code = 'lugovoy'), rows),
      /municipalities\.json: row 3, field code: code "lugovoy" is already used by row 1$/,
    ],
    [
      'a parent that does not exist',
      'organizations.json',
      (rows: any[]) => ((rows[3].parentCode = 'min-nothing'), rows),
      /organizations\.json: row 4, field parentCode: no organization has the code "min-nothing"$/,
    ],
    [
      'a municipality that does not exist',
      'organizations.json',
      (rows: any[]) => ((rows[3].municipalityCode = 'atlantis'), rows),
      /organizations\.json: row 4, field municipalityCode: no municipality has the code "atlantis"/,
    ],
    [
      'two responsible bodies for one sector',
      'organizations.json',
      // Row 2 (min-culture) takes the culture sector by its role; listing housing makes it a second body for row 3's sector.
      (rows: any[]) => ((rows[1].sectors = ['housing']), rows),
      /organizations\.json: row 3, field sectors: sector "housing" already has its executive body in row 2/,
    ],
    [
      'a loop of parents',
      'organizations.json',
      (rows: any[]) => ((rows[1].parentCode = 'gbu-regional-library'), rows),
      /organizations\.json: row 2, field parentCode: parents form a loop/,
    ],
    [
      'a municipality with no administration',
      'organizations.json',
      (rows: any[]) => rows.filter((o: any) => o.code !== 'adm-tikhorechny'),
      /municipalities\.json: row 3, field code: no MUNICIPAL_ADMINISTRATION "adm-tikhorechny"/,
    ],
    [
      'an administration coded otherwise',
      'organizations.json',
      (rows: any[]) => ((rows[4].code = 'city-hall'), rows),
      /organizations\.json: row 5, field code: a municipal administration is coded "adm-" \+ its municipalityCode/,
    ],
    [
      'a calendar year that contradicts itself',
      'calendar/ru-2027.json',
      (year: any) => ((year.stats.workdays5 = 250), year),
      /calendar\/ru-2027\.json: field stats\.workdays5: the lists give \d+ working days, stats say 250$/,
    ],
    ['a calendar file of another year', 'calendar/ru-2027.json', (year: any) => ((year.year = 2026), year), /calendar\/ru-2027\.json: field /],
  ])('refuses %s with the file, row and field', (_what, file, change, message) => {
    expect(refusal(packWith(file, change)).message).toMatch(message);
  });

  it('leaves alone files it does not know (a gazetteer, notes)', () => {
    const dir = packWith('region.json', (region) => region);
    writeFileSync(join(dir, 'places.json'), JSON.stringify({ streets: ['Школьная'] }));
    writeFileSync(join(dir, 'README.md'), '# Заречная область');
    expect(loadRegionPack(dir).municipalities).toHaveLength(3);
  });

  it('stops the configuration with one line when REGION_PACK names no pack or a broken region.json', () => {
    expect(() => loadConfig({ REGION_PACK: '/nowhere/at-all' })).toThrow(/^Invalid configuration: REGION_PACK: \/nowhere\/at-all: no region pack here/);
    const dir = packWith('region.json', (region) => ((region.timeZone = 'Mars/Olympus'), region));
    expect(() => loadConfig({ REGION_PACK: dir })).toThrow(/^Invalid configuration: REGION_PACK: .*region\.json: field timeZone: expected an IANA time zone/);
  });

  it('takes the registration code and time zone from the pack unless REGION_CODE, TIME_ZONE say otherwise', () => {
    expect(loadConfig({})).toMatchObject({ REGION_PACK: 'regions/mari-el', REGION_CODE: '12', TIME_ZONE: 'Europe/Moscow' });
    expect(loadConfig({ REGION_PACK: 'test/fixtures/regions/zarechye' })).toMatchObject({ REGION_CODE: '00', TIME_ZONE: 'Asia/Vladivostok' });
    expect(loadConfig({ REGION_PACK: 'test/fixtures/regions/zarechye', REGION_CODE: '77', TIME_ZONE: 'Europe/Samara' })).toMatchObject({
      REGION_CODE: '77',
      TIME_ZONE: 'Europe/Samara',
    });
  });
});
