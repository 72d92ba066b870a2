import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { ext, fails, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { A, municipalityId, publishNew } from './informing-helpers.js';

let t: TestApp;
let s: Staff;
let kozmo: string;
let yola: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await startTestApp();
  s = await staff(t);
  kozmo = await municipalityId(t, 'kozmodemyansk');
  yola = await municipalityId(t, 'yoshkar-ola');
});
afterAll(() => t?.stop());

const base = () => ({
  kind: 'OUTAGE',
  title: 'Отключение холодной воды',
  body: 'Авария на водоводе, подвоз воды у администрации.',
  validFrom: new Date(t.clock.now().getTime() - HOUR).toISOString(),
  validTo: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString(),
  audience: { municipalityIds: [kozmo], categories: ['housing.water-supply'] },
});

describe('announcement statuses', () => {
  it('goes DRAFT → APPROVED → PUBLISHED → WITHDRAWN, each step a new version and an audit entry', async () => {
    const created = await ok(t, A.create, { input: base() }, s.specialist);
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, kind: 'OUTAGE' });
    expect(created.audience).toMatchObject({ municipalityIds: [kozmo], categories: ['housing.water-supply'], streets: [] });
    const approved = await ok(t, A.approve, { id: created.id, v: 1 }, s.specialist);
    expect(approved).toMatchObject({ status: 'APPROVED', version: 2 });
    const published = await ok(t, A.publish, { id: created.id, v: 2 }, s.specialist);
    expect(published).toMatchObject({ status: 'PUBLISHED', version: 3 });
    const withdrawn = await ok(t, A.withdraw, { id: created.id, reason: 'Авария устранена', v: 3 }, s.specialist);
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 4, withdrawReason: 'Авария устранена' });
    const events = await t
      .em()
      .execute('select type, from_status, to_status from announcement_event where announcement_id = ? order by at, type', [created.id]);
    expect(events.map((e: any) => e.type).sort()).toEqual(['APPROVED', 'CREATED', 'DELIVERY_QUEUED', 'PUBLISHED', 'WITHDRAWN']);
    // The audit trail is append-only in the database itself.
    await expect(t.em().execute('update announcement_event set reason = ? where announcement_id = ?', ['x', created.id])).rejects.toThrow(/append-only/);
  });

  it('refuses a stale version with CONFLICT and the current version, and an illegal move with CONFLICT', async () => {
    const created = await ok(t, A.create, { input: base() }, s.specialist);
    await ok(t, A.approve, { id: created.id, v: 1 }, s.specialist);
    const stale = await fails(t, A.publish, { id: created.id, v: 1 }, s.specialist);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const twice = await fails(t, A.approve, { id: created.id, v: 2 }, s.specialist);
    expect(twice.extensions?.code).toBe('CONFLICT');
    const noReason = await fails(t, A.withdraw, { id: created.id, reason: '   ', v: 2 }, s.specialist);
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const [row] = await t.em().execute('select status, version from announcement where id = ?', [created.id]);
    expect(row).toMatchObject({ status: 'APPROVED', version: 2 });
  });

  it('refuses to publish an announcement whose period has ended', async () => {
    const created = await ok(
      t,
      A.create,
      {
        input: {
          ...base(),
          validFrom: new Date(t.clock.now().getTime() - 3 * HOUR).toISOString(),
          validTo: new Date(t.clock.now().getTime() - HOUR).toISOString(),
        },
      },
      s.specialist,
    );
    await ok(t, A.approve, { id: created.id, v: 1 }, s.specialist);
    expect((await fails(t, A.publish, { id: created.id, v: 2 }, s.specialist)).extensions?.code).toBe('CONFLICT');
  });
});

describe('bad input is BAD_USER_INPUT naming the field, and nothing is stored', () => {
  const cases: [string, (b: any) => any, string][] = [
    ['end before start', (b) => ({ ...b, validTo: new Date(Date.parse(b.validFrom) - HOUR).toISOString() }), 'input.validTo'],
    [
      'unknown municipality',
      (b) => ({ ...b, audience: { ...b.audience, municipalityIds: ['00000000-0000-4000-8000-000000000000'] } }),
      'input.audience.municipalityIds.0',
    ],
    ['unknown sector', (b) => ({ ...b, audience: { ...b.audience, sectors: ['space'] } }), 'input.audience.sectors.0'],
    ['unknown category', (b) => ({ ...b, audience: { ...b.audience, categories: ['housing.water-supply', 'nope'] } }), 'input.audience.categories.1'],
    ['unknown problem', (b) => ({ ...b, audience: { ...b.audience, problemId: '00000000-0000-4000-8000-000000000000' } }), 'input.audience.problemId'],
    ['empty audience', (b) => ({ ...b, audience: {} }), 'input.audience'],
    ['huge title', (b) => ({ ...b, title: 'x'.repeat(301) }), 'input.title'],
    ['huge body', (b) => ({ ...b, body: 'x'.repeat(10_001) }), 'input.body'],
    ['NUL byte', (b) => ({ ...b, title: 'a\u0000b' }), 'input.title'],
    ['blank title', (b) => ({ ...b, title: '  ' }), 'input.title'],
    ['streets without a municipality', (b) => ({ ...b, audience: { streets: ['ул. Ленина'], sectors: ['housing'] } }), 'input.audience.municipalityIds'],
    ['unknown settlement', (b) => ({ ...b, audience: { ...b.audience, settlements: ['Атлантида'] } }), 'input.audience.settlements.0'],
    ['unknown organization', (b) => ({ ...b, organizationId: '00000000-0000-4000-8000-000000000000' }), 'input.organizationId'],
  ];
  it.each(cases)('%s', async (_name, change, field) => {
    const [{ count: before }] = await t.em().execute('select count(*)::int as count from announcement');
    const error = await fails(t, A.create, { input: change(base()) }, s.specialist);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ count: after }] = await t.em().execute('select count(*)::int as count from announcement');
    expect(after).toBe(before);
  });

  it('stores streets normalised for matching and settlements of the municipality', async () => {
    const created = await ok(
      t,
      A.create,
      { input: { ...base(), audience: { municipalityIds: [yola], settlements: ['Семёновка'], streets: ['  ул.   Панфилова  '], sectors: ['roads'] } } },
      s.specialist,
    );
    expect(created.audience.streets).toEqual(['ул. Панфилова']);
    const [row] = await t.em().execute('select audience from announcement where id = ?', [created.id]);
    expect(row.audience.streetKeys).toEqual(['панфилов']);
  });
});

describe('who may draft and decide', () => {
  it('a body operator drafts for its own body only; a sector specialist for its sectors only', async () => {
    const operator = await s.operator('adm-yoshkar-ola');
    const own = await ok(t, A.create, { input: { ...base(), audience: { municipalityIds: [yola], sectors: ['roads'] } } }, operator);
    expect(own.organization.code).toBe('adm-yoshkar-ola');
    const [other] = await t.em().execute(`select id from organization where code = 'cur'`);
    const foreign = await fails(t, A.create, { input: { ...base(), organizationId: other.id } }, operator);
    expect(foreign.extensions?.code).toBe('FORBIDDEN');
    const sector = await t.user(Role.SECTOR_SPECIALIST, { organizationCode: 'cur', sectors: ['roads'] });
    expect((await fails(t, A.create, { input: base() }, sector.token)).extensions?.code).toBe('FORBIDDEN');
    expect((await ok(t, A.create, { input: { ...base(), audience: { municipalityIds: [kozmo], sectors: ['roads'] } } }, sector.token)).status).toBe('DRAFT');
  });

  it('only ЦУР staff approve and publish; every reader reads', async () => {
    const operator = await s.operator('adm-yoshkar-ola');
    const created = await ok(t, A.create, { input: { ...base(), audience: { municipalityIds: [yola], sectors: ['roads'] } } }, operator);
    expect((await fails(t, A.approve, { id: created.id, v: 1 }, operator)).extensions?.code).toBe('FORBIDDEN');
    const analyst = await t.user(Role.ANALYST);
    expect((await ok(t, A.read, { id: created.id }, analyst.token)).status).toBe('DRAFT');
    expect((await fails(t, A.approve, { id: created.id, v: 1 }, analyst.token)).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('answering at intake', () => {
  let water: any;
  beforeAll(async () => {
    water = await publishNew(t, s.specialist, {
      ...base(),
      title: 'Отключение холодной воды в Козьмодемьянске',
      audience: { municipalityIds: [kozmo], categories: ['housing.water-supply'] },
    });
  });

  const history = async (id: string) =>
    (await t.em().execute('select type, reason, data from appeal_event where appeal_id = ? order by at, seq', [id])) as any[];

  it('a new appeal in its category and municipality gets it as the first answer, and keeps its lifecycle', async () => {
    const { appeal } = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Нет холодной воды',
      receivedAt: t.clock.now().toISOString(),
      municipalityId: kozmo,
      category: 'housing.water-supply',
    });
    const events = await history(appeal.id);
    const matched = events.find((e) => e.type === 'ANNOUNCEMENT_MATCHED');
    expect(matched?.data).toMatchObject({ announcementId: water.id, by: 'category' });
    // The lifecycle is untouched: an e-mail (59-ФЗ) still waits for registration, and the answer is the last entry of its intake.
    expect(appeal.status).toBe('NEW');
    expect(events[0].type).toBe('RECEIVED');
    expect(events.at(-1).type).toBe('ANNOUNCEMENT_MATCHED');
    const read = await ok(t, A.read, { id: water.id }, s.specialist);
    expect(read.matchedAppeals.edges.map((e: any) => e.node.id)).toContain(appeal.id);
  });

  it('an appeal still waiting for structuring matches on the place it names: «в Козьмодемьянске опять вода не идёт»', async () => {
    const { appeal } = await register(t, s.integration, {
      channel: 'SOCIAL_MEDIA',
      text: 'в Козьмодемьянске опять вода не идёт',
      receivedAt: t.clock.now().toISOString(),
    });
    const matched = (await history(appeal.id)).find((e) => e.type === 'ANNOUNCEMENT_MATCHED');
    expect(matched?.data.announcementId).toBe(water.id);
    const [row] = await t.em().execute('select count(*)::int as count from appeal_announcement where appeal_id = ?', [appeal.id]);
    expect(row.count).toBe(1);
  });

  it('does not match another municipality, another category, or an appeal received before the period', async () => {
    const elsewhere = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Нет воды',
      receivedAt: t.clock.now().toISOString(),
      municipalityId: yola,
      category: 'housing.water-supply',
    });
    const otherTopic = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Холодно в квартире',
      receivedAt: t.clock.now().toISOString(),
      municipalityId: kozmo,
      category: 'housing.heating',
    });
    const earlier = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Нет воды',
      receivedAt: new Date(t.clock.now().getTime() - 5 * HOUR).toISOString(),
      municipalityId: kozmo,
      category: 'housing.water-supply',
    });
    for (const { appeal } of [elsewhere, otherTopic, earlier]) {
      expect((await history(appeal.id)).some((e) => e.type === 'ANNOUNCEMENT_MATCHED')).toBe(false);
    }
  });

  it('an audience of streets matches the street in the address or text only', async () => {
    const roads = await publishNew(t, s.specialist, {
      ...base(),
      kind: 'WORKS',
      title: 'Ремонт дороги',
      audience: { municipalityIds: [yola], streets: ['ул. Панфилова'], sectors: ['roads'] },
    });
    const on = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Яма на дороге',
      address: 'Йошкар-Ола, улица Панфилова, 12',
      receivedAt: t.clock.now().toISOString(),
      municipalityId: yola,
      sector: 'roads',
    });
    const off = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Яма на дороге',
      address: 'Йошкар-Ола, ул. Ленина, 3',
      receivedAt: t.clock.now().toISOString(),
      municipalityId: yola,
      sector: 'roads',
    });
    expect((await history(on.appeal.id)).find((e) => e.type === 'ANNOUNCEMENT_MATCHED')?.data.announcementId).toBe(roads.id);
    expect((await history(off.appeal.id)).some((e) => e.type === 'ANNOUNCEMENT_MATCHED')).toBe(false);
  });

  it('an import matches too, and a withdrawn announcement answers nothing', async () => {
    const imported = await ok(
      t,
      `mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created results { appealId } } }`,
      {
        input: [
          {
            channel: 'EMAIL',
            externalId: ext('imp'),
            text: 'Нет воды',
            receivedAt: t.clock.now().toISOString(),
            municipalityId: kozmo,
            category: 'housing.water-supply',
          },
        ],
      },
      s.specialist,
    );
    expect((await history(imported.results[0].appealId)).some((e) => e.type === 'ANNOUNCEMENT_MATCHED')).toBe(true);
    const current = await ok(t, A.read, { id: water.id }, s.specialist);
    await ok(t, A.withdraw, { id: water.id, reason: 'Подача воды восстановлена', v: current.version }, s.specialist);
    const after = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Нет воды',
      receivedAt: t.clock.now().toISOString(),
      municipalityId: kozmo,
      category: 'housing.water-supply',
    });
    expect((await history(after.appeal.id)).some((e) => e.type === 'ANNOUNCEMENT_MATCHED')).toBe(false);
  });
});

describe('public announcements', () => {
  it('lists published announcements in force without a login, and never drafts or delivery figures', async () => {
    const published = await publishNew(t, s.specialist, {
      ...base(),
      kind: 'EMERGENCY',
      title: 'Авария на теплотрассе',
      audience: { municipalityIds: [yola], sectors: ['housing'] },
    });
    const draft = await ok(t, A.create, { input: { ...base(), title: 'Черновик', audience: { municipalityIds: [yola], sectors: ['housing'] } } }, s.specialist);
    const result = await t.gql(`query($m: ID) { publicAnnouncements(municipalityId: $m) { id title kind organization { code } } }`, { m: yola });
    expect(result.errors).toBeUndefined();
    const ids = result.data.publicAnnouncements.map((a: any) => a.id);
    expect(ids).toContain(published.id);
    expect(ids).not.toContain(draft.id);
    const other = await t.gql(`query($m: ID) { publicAnnouncements(municipalityId: $m) { id } }`, { m: kozmo });
    expect(other.data.publicAnnouncements.map((a: any) => a.id)).not.toContain(published.id);
    const leak = await t.gql(`query { publicAnnouncements { id deliveries { queued } } }`);
    expect(leak.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(`query { announcements { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves GET /public/announcements.json with an ETag and 304 on If-None-Match', async () => {
    const url = `${t.url}/public/announcements.json?municipalityId=${yola}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const body = (await first.json()) as { announcements: unknown[] };
    expect(body.announcements.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toMatch(/@|author/);
    const again = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${t.url}/public/announcements.json?municipalityId=nope`)).status).toBe(400);
  });
});

describe('analytics', () => {
  it('counts appeals answered by announcements in stats and in the monthly report', async () => {
    const [{ count }] = await t.em().execute('select count(*)::int as count from appeal_announcement');
    expect(count).toBeGreaterThan(0);
    const stats = await ok(t, `query { stats(groupBy: []) { count matchedByAnnouncement } }`, {}, s.specialist);
    expect(stats[0].matchedByAnnouncement).toBe(count);
    const byMunicipality = await ok(t, `query { stats(groupBy: [MUNICIPALITY]) { group { value } matchedByAnnouncement } }`, {}, s.specialist);
    const [{ count: inKozmo }] = await t
      .em()
      .execute('select count(*)::int as count from appeal_announcement m join appeal a on a.id = m.appeal_id where a.municipality_id = ?', [kozmo]);
    expect(byMunicipality.find((row: any) => row.group[0].value === kozmo)?.matchedByAnnouncement).toBe(inKozmo);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit' }).format(t.clock.now());
    const report = await ok(t, `query($m: String!) { monthlyReport(month: $m) { summary { code value label } } }`, { m: month }, s.specialist);
    expect(report.summary.find((line: any) => line.code === 'matchedByAnnouncement')).toMatchObject({ value: count });
  });
});
