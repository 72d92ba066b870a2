/**
 * A second region with no code change: the app starts with REGION_PACK
 * pointing at an invented region (test/fixtures/regions/zarechye: registration
 * code 00, Vladivostok time, three municipalities, one calendar year) and the
 * ninth sector (test/fixtures/plugins/culture), on a database of its own, and
 * runs the whole lifecycle: register → routed to the sector's ministry →
 * answered → reviewed → rated.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createScratchDatabase } from '../../core/db/scratch-database.js';
import { ManualClock } from '../../core/clock/clock.js';
import { ANSWER, idOf, M, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { culturePlugin } from '../fixtures/plugins/culture/index.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { Role } from '../../core/entities/enums.js';

const PACK = 'test/fixtures/regions/zarechye';
// 15:30 UTC on 31 December is 01:30 on 1 January 2027 in Vladivostok (UTC+10), still 2026 in Moscow.
const clock = new ManualClock('2026-12-31T15:30:00Z');
const localTime = (iso: string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone: 'Asia/Vladivostok', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

let database: { url: string; drop(): Promise<void> };
let t: TestApp;
let s: Staff;

beforeAll(async () => {
  // Not the template (the default pack is loaded there): an empty database, migrated and loaded by the start itself.
  database = await createScratchDatabase(inject('dbServerUrl'), 'cur_region');
  t = await startTestApp({ clock, databaseUrl: database.url, plugins: [culturePlugin], env: { REGION_PACK: PACK }, intake: lifecycleIntake });
  s = await staff(t);
});
afterAll(async () => {
  await t?.stop();
  await database?.drop();
});

describe('an invented region loaded from its pack', () => {
  it('serves its own municipalities, bodies and settings, and none of the default region', async () => {
    expect(t.running.app.config).toMatchObject({ REGION_CODE: '00', TIME_ZONE: 'Asia/Vladivostok' });
    const result: any = await t.gql('{ municipalities { code shortName population } sectors { code } }', {}, s.specialist);
    expect(result.data.municipalities.map((m: any) => m.code).sort()).toEqual(['berezovsky', 'lugovoy', 'tikhorechny']);
    expect(result.data.sectors).toEqual([{ code: 'culture' }]);
    const [{ count }] = await t.em().execute(`select count(*)::int as count from organization where code in ('adm-yoshkar-ola', 'min-health')`);
    expect(count).toBe(0);
    const years: { year: number }[] = await t.em().execute('select year from production_calendar_year order by year');
    expect(years.map((row) => row.year)).toEqual([2027]);
  });

  it('runs the lifecycle: registered with its region code and local year, routed to the ministry, answered, reviewed, rated', async () => {
    const lugovoy = await idOf(t, 'municipality', 'lugovoy');
    const { appeal } = await register(t, s.integration, {
      channel: 'POS', text: 'В областной библиотеке третью неделю закрыт читальный зал', receivedAt: clock.now().toISOString(),
      category: 'culture.libraries', municipalityId: lugovoy, details: { venue: 'Областная библиотека', ticketNumber: 'Б-17' },
    });
    // The year of the number is the local one: in Moscow it would still be 2026.
    expect(appeal.number).toMatch(/^00-2027-\d+$/);
    // No routing rule: the sector's responsible body is the pack's executive body that lists "culture".
    expect(appeal).toMatchObject({ status: 'ASSIGNED', sector: { code: 'culture' }, organization: { code: 'min-culture' } });
    // Terms end at the end of a working day in the region's zone; 1-8 January are holidays of the pack's 2027.
    expect(localTime(appeal.deadline.dueAt)).toBe('23:59');
    expect(Date.parse(appeal.deadline.dueAt)).toBeGreaterThan(Date.parse('2027-01-10T14:00:00Z'));

    const details: any = await t.gql('query($id: ID!) { appeal(id: $id) { culture { venue ticketNumber } } }', { id: appeal.id }, s.specialist);
    expect(details.data.appeal.culture).toEqual({ venue: 'Областная библиотека', ticketNumber: 'Б-17' });

    const operator = await s.operator('min-culture');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    clock.advance(3_600_000);
    const answered = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: started.version }, operator);
    expect(answered.status).toBe('ON_REVIEW');
    const accepted = await ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: answered.version }, s.specialist);
    expect(accepted.status).toBe('ANSWERED');
    const rated = await ok(t, M.rate, { id: appeal.id, score: 5, comment: 'Зал открыли' }, s.specialist);
    expect(rated).toMatchObject({ status: 'CLOSED', satisfaction: { score: 5, negative: false }, organization: { code: 'min-culture' } });
  });
});

describe('the ninth sector: one folder (test/fixtures/plugins/culture) and one line (the plugin list above)', () => {
  it("ran its migrations in the one chain, ordered by their timestamps among the core's", async () => {
    const rows: { name: string }[] = await t.em().execute('select name from mikro_orm_migrations order by id');
    const names = rows.map((row) => row.name.replace(/\.(ts|js)$/, ''));
    const at = (name: string) => names.indexOf(name);
    expect(at('Migration20261126120000_culture_details')).toBeGreaterThan(at('Migration20261126112910_analytics_indexes'));
    expect(at('Migration20261126120000_culture_details')).toBeLessThan(at('Migration20261126130823_analytics_rollup'));
    expect(at('Migration20261207010000_culture_ticket')).toBeGreaterThan(at('Migration20261126132059_analytics_rollup_grains'));
    // The whole chain, core's and plugin's, ran in the order of the timestamps in the names.
    expect(names).toEqual([...names].sort());
    const columns: { column_name: string }[] = await t.em().execute(
      `select column_name from information_schema.columns where table_name = 'culture_details' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['appeal_id', 'ticket_number', 'venue']);
  });

  it('maps ПОС messages by its own table, and a name it does not list is left to structuring', async () => {
    const pos = (await t.user(Role.INTEGRATION)).token;
    const message = (id: string, subcategoryName: string) => ({
      id, categoryName: 'Культура', subcategoryName, text: 'Не работает библиотека в Берёзовке', address: 'Берёзовка, ул. Школьная, 3',
      createdAt: '2027-01-01T01:00:00+10:00',
    });
    const response = await fetch(`${t.url}/channels/pos/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pos}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [message('z-1', 'Библиотеки'), message('z-2', 'Музеи')] }),
    });
    const body = (await response.json()) as { results: { outcome: string }[] };
    expect([response.status, body.results.map((r) => r.outcome)]).toEqual([200, ['CREATED', 'CREATED']]);
    const rows: { external_id: string; category: string | null; sector: string | null; organization: string | null; municipality: string | null }[] = await t.em().execute(
      `select a.external_id, c.code as category, s.code as sector, o.code as organization, m.code as municipality from appeal a
       left join category c on c.id = a.category_id left join sector s on s.id = a.sector_id
       left join organization o on o.id = a.organization_id left join municipality m on m.id = a.municipality_id
       where a.channel = 'POS' and a.external_id in ('z-1', 'z-2') order by a.external_id`,
    );
    expect(rows[0]).toMatchObject({ external_id: 'z-1', category: 'culture.libraries', sector: 'culture', organization: 'min-culture', municipality: 'berezovsky' });
    // «Музеи» is not in the plugin's table: «Культура / *» gives the sector, structuring the category.
    expect(rows[1]).toMatchObject({ external_id: 'z-2', sector: 'culture', organization: 'min-culture', municipality: 'berezovsky' });
  });
});
