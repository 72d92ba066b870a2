import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { query, queryOne, sql } from '../../core/db/sql.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { loadFixture, NOW, type Fixture } from './fixture.js';
import { groupBy, inPeriod, metrics, moscowMonth } from './recompute.js';

let t: TestApp;
let fx: Fixture;
let curator: string;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: curator } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

const ALL_METRICS =
  'count open overdue answered answeredOnTime onTimeRate avgResponseHours medianResponseHours satisfactionAvg negativeRate repeatRate redirectRate returnedRate';
const STATS = `query S($groupBy: [StatsDimension!]!, $filter: AppealFilter, $from: DateTime, $to: DateTime) {
  stats(groupBy: $groupBy, filter: $filter, from: $from, to: $to) { group { dimension value label } ${ALL_METRICS} }
}`;

function expectMetrics(row: Record<string, unknown>, expected: ReturnType<typeof metrics>) {
  for (const [name, value] of Object.entries(expected)) {
    if (value == null) expect(row[name], name).toBeNull();
    else expect(row[name] as number, name).toBeCloseTo(value, 6);
  }
}

describe('stats', () => {
  it('computes every metric by organization x month as an independent recomputation does', async () => {
    const from = new Date('2025-06-01T00:00:00+03:00');
    const to = new Date('2026-06-01T00:00:00+03:00');
    const r = await t.gql(STATS, { groupBy: ['ORGANIZATION', 'MONTH'], from, to }, curator);
    expect(r.errors).toBeUndefined();
    const list = fx.appeals.filter(inPeriod(from, to));
    const expected = groupBy(list, (a) => `${a.orgId ?? ''}|${moscowMonth(a.receivedAt)}`);
    expect(r.data.stats).toHaveLength(expected.size);
    for (const row of r.data.stats) {
      const key = `${row.group[0].value ?? ''}|${row.group[1].value}`;
      expectMetrics(row, metrics(expected.get(key)!));
    }
    const total = r.data.stats.reduce((s: number, row: any) => s + row.count, 0);
    expect(total).toBe(list.length);
  });

  it('labels groups in Russian: names of bodies, months as «май 2026», channels and statuses', async () => {
    const r = await t.gql(
      `{ stats(groupBy: [MONTH, CHANNEL], from: "2026-05-01T00:00:00+03:00", to: "2026-06-01T00:00:00+03:00") { group { value label } count } }`,
      {},
      curator,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.stats.every((row: any) => row.group[0].label === 'май 2026')).toBe(true);
    expect(r.data.stats.map((row: any) => row.group[1].label)).toContain('Платформа обратной связи (ПОС)');
    const orgs = await t.gql(`{ stats(groupBy: [ORGANIZATION, STATUS]) { group { value label } count } }`, {}, curator);
    const labels = orgs.data.stats.map((row: any) => row.group[0].label);
    const health = await queryOne<{ short_name: string }>(t.em(), sql`select short_name from organization where code = 'min-health'`);
    expect(labels).toContain(health!.short_name);
    expect(labels).toContain('Не указано');
    expect(orgs.data.stats.map((row: any) => row.group[1].label)).toContain('Закрыто');
  });

  it('takes months in Moscow time: an appeal at 22:30 UTC on 30 April counts in May', async () => {
    const r = await t.gql(`{ stats(groupBy: [MONTH]) { group { value } count } }`, {}, curator);
    const expected = groupBy(fx.appeals, (a) => moscowMonth(a.receivedAt));
    for (const row of r.data.stats) expect(row.count, row.group[0].value).toBe(expected.get(row.group[0].value)!.length);
    const utcMonthDiffers = fx.appeals.filter((a) => a.receivedAt.toISOString().slice(0, 7) !== moscowMonth(a.receivedAt));
    expect(utcMonthDiffers.length).toBeGreaterThan(0);
  });

  it('accepts the filter of `appeals` and totals without groupBy', async () => {
    const sector = 'housing';
    const r = await t.gql(STATS, { groupBy: [], filter: { sector: [sector], channel: ['POS'] } }, curator);
    expect(r.errors).toBeUndefined();
    expect(r.data.stats).toHaveLength(1);
    expectMetrics(r.data.stats[0], metrics(fx.appeals.filter((a) => a.sector === sector && a.channel === 'POS')));
  });

  it('computes only the selected metrics (one statement, without the unselected aggregates)', async () => {
    const statements: string[] = [];
    const t2 = await startTestApp({ clock: new ManualClock(NOW), onQuery: (sql) => statements.push(sql) });
    try {
      const { token } = await t2.user(Role.ANALYST);
      statements.length = 0;
      const r = await t2.gql(`{ stats(groupBy: [SECTOR]) { group { label } count } }`, {}, token);
      expect(r.errors).toBeUndefined();
      const sql = statements.filter((s) => /from "appeal"|from appeal/i.test(s));
      expect(sql).toHaveLength(1);
      expect(sql[0]).not.toMatch(/percentile_cont|satisfaction_score|appeal_event/);
      statements.length = 0;
      await t2.gql(`{ stats(groupBy: [SECTOR]) { medianResponseHours } }`, {}, token);
      expect(statements.find((s) => /from "appeal"|from appeal/i.test(s))).toMatch(/percentile_cont/);
    } finally {
      await t2.stop();
    }
  });

  it("computes the plugins' KPIs in the same query", async () => {
    const r = await t.gql(
      `{ stats(groupBy: []) { kpis(codes: ["housing.utilities-on-time", "housing.satisfaction"]) { code name sector value target } } }`,
      {},
      curator,
    );
    expect(r.errors).toBeUndefined();
    const kpis = r.data.stats[0].kpis;
    expect(kpis.map((k: any) => k.code)).toEqual(['housing.utilities-on-time', 'housing.satisfaction']);
    const utilities = fx.appeals.filter((a) => ['housing.heating', 'housing.water-supply', 'housing.sewerage'].includes(a.category));
    expect(kpis[0].value).toBeCloseTo(metrics(utilities).onTimeRate!, 6);
    expect(kpis[0].target).toBe(0.95);
    expect(kpis[1].value).toBeCloseTo(metrics(fx.appeals.filter((a) => a.sector === 'housing')).satisfactionAvg!, 6);
  });

  it('shows in a SECTOR row only the KPIs of its sector, unless all are asked for', async () => {
    const q = `{ stats(groupBy: [SECTOR]) { group { dimension value label } kpis { code sector } all: kpis(allSectors: true) { code sector } } }`;
    const r = await t.gql(q, {}, curator);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const rows = r.data.stats as { group: { value: string | null }[]; kpis: { code: string; sector: string }[]; all: { code: string; sector: string }[] }[];
    const sectors = await query<{ id: string; code: string }>(t.em(), sql`select id, code from sector`);
    const codeOf = new Map(sectors.map((s) => [s.id, s.code]));
    const withKpis = rows.filter((row) => row.kpis.length > 0);
    expect(withKpis.length).toBeGreaterThan(1);
    for (const row of rows) {
      const code = row.group[0]!.value ? codeOf.get(row.group[0]!.value) : undefined;
      expect(row.kpis.every((k) => k.sector === code)).toBe(true);
      expect(row.kpis.map((k) => k.code)).toEqual(row.all.filter((k) => k.sector === code).map((k) => k.code));
      expect(new Set(row.all.map((k) => k.sector)).size).toBeGreaterThan(1);
    }
    // Without a SECTOR dimension every row keeps every sector's KPIs.
    const total = await t.gql(`{ stats(groupBy: []) { kpis { sector } } }`, {}, curator);
    expect(new Set(total.data.stats[0].kpis.map((k: any) => k.sector)).size).toBeGreaterThan(1);
  });

  it('scopes to the caller: an operator sees only its body, a sector role only its sector', async () => {
    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'min-health' });
    const r = await t.gql(STATS, { groupBy: ['ORGANIZATION'] }, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.stats).toHaveLength(1);
    expect(r.data.stats[0].group[0].value).toBe(fx.orgIds.get('min-health'));
    expectMetrics(r.data.stats[0], metrics(fx.appeals.filter((a) => a.org === 'min-health')));
    const { token: ministry } = await t.user(Role.MINISTRY_OBSERVER, { organizationCode: 'min-construction', sectors: ['roads'] });
    const s = await t.gql(`{ stats(groupBy: [SECTOR]) { group { label } count } }`, {}, ministry);
    expect(s.data.stats).toHaveLength(1);
    expect(s.data.stats[0].count).toBe(fx.appeals.filter((a) => a.sector === 'roads').length);
  });

  it('refuses bad input with the field at fault, and callers without access', async () => {
    const bad = await t.gql(`{ stats(groupBy: [DAY, DAY]) { count } }`, {}, curator);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
    const order = await t.gql(`{ stats(groupBy: [], from: "2026-05-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { count } }`, {}, curator);
    expect(order.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const { token } = await t.user(Role.INTEGRATION);
    expect((await t.gql(`{ stats(groupBy: []) { count } }`, {}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`{ stats(groupBy: []) { count } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
