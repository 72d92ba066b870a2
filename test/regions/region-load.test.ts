/**
 * `npm run region:load`: the default pack over the template (loaded from the
 * same pack) changes nothing; a changed pack reports exactly its changes, in
 * the database at once, and a second load reports none.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { loadRegion, loadRegionPack, REPO_ROOT } from '../../core/region/index.js';

let t: TestApp;
let scratch: string;
const em = () => t.em() as EntityManager;

beforeAll(async () => {
  t = await startTestApp();
  scratch = mkdtempSync(join(tmpdir(), 'cur-region-load-'));
});
afterAll(async () => {
  await t?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** The default pack with one more municipality (and its administration) and another population for Volzhsk. */
function changedPack(): string {
  const dir = join(scratch, 'mari-el');
  cpSync(join(REPO_ROOT, 'regions/mari-el'), dir, { recursive: true });
  const municipalities = JSON.parse(readFileSync(join(dir, 'municipalities.json'), 'utf8'));
  municipalities.find((m: { code: string }) => m.code === 'volzhsk').population = 51_000;
  municipalities.push({
    code: 'novy-posad', name: 'Новопосадский муниципальный округ', shortName: 'Новопосадский округ', nameEn: 'Novy Posad', kind: 'MUNICIPAL_DISTRICT',
    population: 1_000, center: 'Новый Посад', settlements: ['Новый Посад'], nameForms: ['Новопосадский округ', 'Новый Посад'],
  });
  writeFileSync(join(dir, 'municipalities.json'), JSON.stringify(municipalities));
  const organizations = JSON.parse(readFileSync(join(dir, 'organizations.json'), 'utf8'));
  organizations.push({ code: 'adm-novy-posad', name: 'Администрация Новопосадского муниципального округа', shortName: 'Администрация Новопосадского округа', kind: 'MUNICIPAL_ADMINISTRATION', municipalityCode: 'novy-posad', sectors: ['housing'] });
  writeFileSync(join(dir, 'organizations.json'), JSON.stringify(organizations));
  return dir;
}

describe('loading a region pack into a database', () => {
  it('changes nothing when the database already holds the pack', async () => {
    const report = await loadRegion(em(), loadRegionPack(), { calendar: 'replace' });
    expect(report.municipalities).toEqual({ inserted: [], updated: [], unchanged: 17, notInPack: 0 });
    expect(report.organizations).toMatchObject({ inserted: [], updated: [], notInPack: 0 });
    expect(report.calendar).toMatchObject({ inserted: [], updated: [], unchanged: 3, kept: [] });
  });

  it('upserts by code, reports what changed, keeps ids, and is idempotent', async () => {
    const [before] = await em().execute(`select id from municipality where code = 'volzhsk'`);
    const pack = loadRegionPack(changedPack());
    const report = await loadRegion(em(), pack, { calendar: 'replace' });
    expect(report.municipalities).toEqual({ inserted: ['novy-posad'], updated: ['volzhsk'], unchanged: 16, notInPack: 0 });
    expect(report.organizations).toMatchObject({ inserted: ['adm-novy-posad'], updated: [] });
    const [after] = await em().execute(`select id, population from municipality where code = 'volzhsk'`);
    expect(after).toEqual({ id: before.id, population: 51_000 });
    const [admin] = await em().execute(
      `select m.code from organization o join municipality m on m.id = o.municipality_id where o.code = 'adm-novy-posad'`,
    );
    expect(admin).toEqual({ code: 'novy-posad' });
    const again = await loadRegion(em(), pack, { calendar: 'replace' });
    expect(again.municipalities).toEqual({ inserted: [], updated: [], unchanged: 18, notInPack: 0 });
    expect(again.organizations.inserted.length + again.organizations.updated.length).toBe(0);
  });

  it('runs as `npm run region:load -- <path>`, printing the changes table by table', async () => {
    const dir = changedPack();
    const municipalities = JSON.parse(readFileSync(join(dir, 'municipalities.json'), 'utf8'));
    municipalities.find((m: { code: string }) => m.code === 'volzhsk').population = 52_500;
    writeFileSync(join(dir, 'municipalities.json'), JSON.stringify(municipalities));
    const { stdout } = await promisify(execFile)(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['core/cli/load-region.ts', dir], {
      cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' },
    });
    expect(stdout).toContain('region mari-el');
    expect(stdout).toContain('municipalities: 1 updated (volzhsk), 17 unchanged');
    const [row] = await em().execute(`select population from municipality where code = 'volzhsk'`);
    expect(row.population).toBe(52_500);
  });

  it('refuses a broken pack before touching the database, naming file, row and field', async () => {
    const dir = changedPack();
    const rows = JSON.parse(readFileSync(join(dir, 'municipalities.json'), 'utf8'));
    rows[2].population = '20 тысяч';
    writeFileSync(join(dir, 'municipalities.json'), JSON.stringify(rows));
    const run = promisify(execFile)(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['core/cli/load-region.ts', dir], {
      cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: t.databaseUrl },
    });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/mari-el\/municipalities\.json: row 3, field population: expected a number/) });
  });
});
