/**
 * The demo is data of the region pack (demo-*.json, core/region/region-demo.ts):
 * the core names no sector and no place of it. Mari El's files give the demo
 * it always had; a bad row is refused with its file, row and field; the second
 * test pack starts the demo with no demo files (the core's minimal demo) and,
 * given files of its own, with its own users, streets, hot spot, poll and
 * announcement.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadRegionPack } from '../../core/region/index.js';
import { refusal as packRefusal } from './pack-helpers.js';
import { createScratchDatabase } from '../../core/db/scratch-database.js';
import { ManualClock } from '../../core/clock/clock.js';
import { startTestApp } from '../support/test-app.js';
import { culturePlugin } from '../fixtures/plugins/culture/index.js';

const ZARECHYE = 'test/fixtures/regions/zarechye';
const MARI_EL = 'regions/mari-el';
const scratch = mkdtempSync(join(tmpdir(), 'cur-region-demo-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a pack (same folder name) with the given files written over. */
function packWith(source: string, files: Record<string, unknown>): string {
  const dir = join(scratch, Math.random().toString(36).slice(2), source.split('/').pop()!);
  cpSync(source, dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(data, null, 2));
  return dir;
}
const mariEl = (name: string) => JSON.parse(readFileSync(join(MARI_EL, name), 'utf8'));

const refusal = (dir: string) => packRefusal(() => loadRegionPack(dir));

describe("a pack's demo files", () => {
  it('give Mari El its demo: the users of its housing ministry and Yoshkar-Ola, its streets, hot spots and two polls', () => {
    const { demo } = loadRegionPack(MARI_EL);
    expect(demo.users.map((u) => [u.email, u.role, u.organizationCode, u.sectors])).toEqual([
      ['operator@demo.local', 'ORG_OPERATOR', 'adm-yoshkar-ola', []],
      ['ministry@demo.local', 'MINISTRY_OBSERVER', 'min-construction', ['housing']],
      ['sector-lead@demo.local', 'SECTOR_LEAD', 'min-construction', ['housing']],
      ['sector-specialist@demo.local', 'SECTOR_SPECIALIST', 'min-construction', ['housing']],
    ]);
    expect(demo.streets).toHaveLength(10);
    expect(demo.hotSpots.map((h) => [h.category, h.municipalityCode, h.street, Boolean(h.decision)])).toEqual([
      ['housing.heating', 'yoshkar-ola', 'Машиностроителей', true],
      ['roads.potholes', 'volzhsk', 'Советская', false],
      ['waste.container-site', 'medvedevsky', 'Кирова', false],
    ]);
    expect(demo.surveys.map((s) => [s.audience.sectors, s.status, s.links, s.linkResponses, s.paperResponses])).toEqual([
      [['housing'], 'CLOSED', 150, 120, 200],
      [['roads'], 'OPEN', 100, 40, 0],
    ]);
  });

  it('are optional: the second test pack has none', () => {
    expect(loadRegionPack(ZARECHYE).demo).toEqual({ users: [], streets: [], hotSpots: [], surveys: [], announcements: [] });
  });

  it('refuse a bad row with its file, row and field', () => {
    const users = mariEl('demo-users.json');
    const cases: [Record<string, unknown>, string][] = [
      [{ 'demo-users.json': [users[0], { ...users[1], organizationCode: 'min-nothing' }] }, 'demo-users.json: row 2, field organizationCode: no organization has the code "min-nothing" (organizations.json)'],
      [{ 'demo-users.json': [users[0], users[0]] }, 'demo-users.json: row 2, field email: "operator@demo.local" is listed twice'],
      [{ 'demo-users.json': [{ ...users[0], role: 'KING' }] }, 'demo-users.json: row 1, field role: expected one of CURATOR, CENTER_HEAD, CENTER_SPECIALIST, SECTOR_LEAD, SECTOR_SPECIALIST, ORG_OPERATOR, MINISTRY_OBSERVER, ANALYST, INTEGRATION, ADMIN'],
      [{ 'demo-streets.json': ['Ленина', ''] }, 'demo-streets.json: row 2: expected a non-empty string'],
      [{ 'demo-hot-spots.json': [{ ...mariEl('demo-hot-spots.json')[1], municipalityCode: 'atlantis' }] }, 'demo-hot-spots.json: row 1, field municipalityCode: no municipality has the code "atlantis" (municipalities.json)'],
      [{ 'demo-hot-spots.json': [{ ...mariEl('demo-hot-spots.json')[1], rank: 2 }] }, 'demo-hot-spots.json: row 1, field rank: unknown field (a typo?)'],
      [{ 'demo-surveys.json': [mariEl('demo-surveys.json')[0], { ...mariEl('demo-surveys.json')[1], linkResponses: 101 }] }, 'demo-surveys.json: row 2, field linkResponses: more responses than links'],
      [{ 'demo-surveys.json': [{ ...mariEl('demo-surveys.json')[1], audience: { municipalityCodes: ['atlantis'] } }] }, 'demo-surveys.json: row 1, field audience.municipalityCodes: no municipality has the code "atlantis" (municipalities.json)'],
      [{ 'demo-surveys.json': [{ ...mariEl('demo-surveys.json')[1], questions: [{ code: 'q', text: 'Вопрос', type: 'ESSAY' }] }] }, 'demo-surveys.json: row 1, field questions.0.type: expected one of SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, TEXT'],
    ];
    for (const [files, message] of cases) {
      const dir = packWith(MARI_EL, files);
      expect(refusal(dir).message).toBe(`${dir}/${message}`);
    }
  });
});

/**
 * The second test pack with the federal calendar years the demo's thirteen
 * months need (its own has only 2027) and the given files.
 */
const zarechyeWith = (files: Record<string, unknown>) =>
  packWith(ZARECHYE, { 'calendar/ru-2025.json': mariEl('calendar/ru-2025.json'), 'calendar/ru-2026.json': mariEl('calendar/ru-2026.json'), ...files });

/** The demo as `npm start` seeds it (DEMO=1) on a fresh database. */
async function startDemo(pack: string) {
  const database = await createScratchDatabase(inject('dbServerUrl'), 'cur_region_demo');
  const t = await startTestApp({
    clock: new ManualClock('2026-12-10T03:00:00Z'),
    databaseUrl: database.url,
    plugins: [culturePlugin],
    env: { REGION_PACK: pack, DEMO: '1', DEMO_APPEALS: '40' },
  });
  return {
    t,
    stop: async () => {
      await t.stop();
      await database.drop();
    },
  };
}

describe('the second test pack starts the demo', () => {
  it('without demo files: the ЦУР staff, two operators per body, appeals at its municipalities, no poll or announcement', async () => {
    const { t, stop } = await startDemo(zarechyeWith({}));
    try {
      const named = await t.asOwner(`select email from app_user where email not like 'operator_.%' order by email`);
      expect(named.map((u: any) => u.email)).toEqual(
        ['admin', 'analyst', 'curator', 'head', 'integration', 'specialist'].map((name) => `${name}@demo.local`),
      );
      const [operators] = await t.asOwner(`select count(*)::int as n from app_user where email like 'operator_.%'`);
      expect(operators.n).toBeGreaterThan(0);
      const appeals = await t.asOwner(`select a.address, m.short_name from appeal a join municipality m on m.id = a.municipality_id where a.external_id like 'demo-%'`);
      expect(appeals.length).toBeGreaterThan(0);
      // No streets in the pack: an address names the municipality alone.
      for (const a of appeals) expect(a.address).toBe(a.short_name);
      const [counts] = await t.asOwner(`select (select count(*) from survey)::int as surveys, (select count(*) from announcement)::int as announcements`);
      expect(counts).toEqual({ surveys: 0, announcements: 0 });
    } finally {
      await stop();
    }
  }, 300_000);

  it('with demo files of its own: its users, streets, hot spot, poll and announcement', async () => {
    const pack = zarechyeWith({
      'demo-users.json': [
        { email: 'operator@demo.local', fullName: 'Оператор: Администрация г. Луговой', role: 'ORG_OPERATOR', organizationCode: 'adm-lugovoy' },
        { email: 'ministry@demo.local', fullName: 'Наблюдатель министерства (культура)', role: 'MINISTRY_OBSERVER', organizationCode: 'min-culture', sectors: ['culture'] },
      ],
      'demo-streets.json': ['Речная', 'Луговая'],
      'demo-hot-spots.json': [{ category: 'culture.libraries', municipalityCode: 'lugovoy', street: 'Речная', decision: 'Ремонт читального зала' }],
      'demo-surveys.json': [
        {
          title: 'Библиотеки Заречья',
          audience: { sectors: ['culture'], municipalityCodes: ['lugovoy'] },
          questions: [
            { code: 'visits', text: 'Как часто вы бываете в библиотеке?', type: 'SINGLE_CHOICE', options: [{ code: 'often', text: 'Часто' }, { code: 'rarely', text: 'Редко' }] },
            { code: 'wish', text: 'Чего не хватает?', type: 'TEXT', required: false, sampleAnswers: ['Новых книг'] },
          ],
          status: 'CLOSED',
          links: 6,
          linkResponses: 4,
          paperResponses: 3,
        },
      ],
      'demo-announcements.json': [
        { kind: 'INFO', title: 'День открытых дверей в библиотеке', body: 'Вход свободный.', municipalityCode: 'lugovoy', validFromHours: -2, validToHours: 48, appeals: ['Луговой, когда день открытых дверей в библиотеке?'] },
      ],
    });
    const { t, stop } = await startDemo(pack);
    try {
      const users = await t.asOwner(
        `select u.email, u.role, o.code, u.sectors from app_user u join organization o on o.id = u.organization_id where u.email in ('operator@demo.local', 'ministry@demo.local') order by u.email`,
      );
      expect(users).toEqual([
        { email: 'ministry@demo.local', role: 'MINISTRY_OBSERVER', code: 'min-culture', sectors: ['culture'] },
        { email: 'operator@demo.local', role: 'ORG_OPERATOR', code: 'adm-lugovoy', sectors: [] },
      ]);
      const addresses = await t.asOwner(`select address from appeal where external_id like 'demo-2%'`);
      expect(addresses.length).toBeGreaterThan(0);
      for (const { address } of addresses) expect(address).toMatch(/, ул\. (Речная|Луговая), д\. \d+$/);
      const [survey] = await t.asOwner(`select title, status, (select count(*) from survey_response r where r.survey_id = s.id)::int as responses from survey s`);
      expect(survey).toEqual({ title: 'Библиотеки Заречья', status: 'CLOSED', responses: 7 });
      const announcements = await t.asOwner(`select title, status from announcement`);
      expect(announcements).toEqual([{ title: 'День открытых дверей в библиотеке', status: 'PUBLISHED' }]);
    } finally {
      await stop();
    }
  }, 300_000);
});
