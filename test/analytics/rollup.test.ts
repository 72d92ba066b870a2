/**
 * The analytics rollup (core/analytics/rollup) against the raw statements
 * over the same data: after a refresh every question the rollup can answer
 * must come out as the raw statement computes it, and a change to an appeal
 * must show at once, before any refresh (its month is read from `appeal`),
 * and again from the rollup after the refresh. A stale cell, a missing mark
 * or a wrong merge makes these fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { query, sql, type Sql } from '../../core/db/sql.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import type { AuthUser } from '../../core/auth/auth-user.js';
import type { AppealFilter } from '../../core/appeals/appeal-filter.input.js';
import { runAnalyticsWork, type AnalyticsContext } from '../../core/analytics/measures/analytics-context.js';
import { computeStats } from '../../core/analytics/stats.service.js';
import { StatsDimension } from '../../core/analytics/dimensions.js';
import { METRICS } from '../../core/analytics/measures/metrics.js';
import { loadRatingFigures } from '../../core/analytics/ratings.figures.js';
import { RatingSubject } from '../../core/analytics/ratings.types.js';
import type { StatsRow } from '../../core/analytics/stats.types.js';
import { refreshRollup } from '../../core/analytics/rollup/rollup-refresh.service.js';
import { planRollup } from '../../core/analytics/rollup/rollup-plan.js';
import { hoursReady } from '../../core/analytics/rollup/rollup-median.sql.js';
import { rollupCanAnswer } from '../../core/analytics/rollup-stats.js';
import { eventually } from '../support/live-client.js';
import { loadFixture, NOW, type Fixture } from './fixture.js';
import { groupBy, inPeriod, metrics, moscowMonth } from './recompute.js';

const { ORGANIZATION, MUNICIPALITY, SECTOR, MONTH } = StatsDimension;
const YEAR_FROM = new Date('2025-07-01T00:00:00+03:00');
const YEAR_TO = new Date('2026-06-01T00:00:00+03:00');
const DAY = 86_400_000;

let t: TestApp;
let fx: Fixture;
let curator: string;
let zone: string;
const CURATOR: AuthUser = { id: 'rollup-test', role: Role.CURATOR, organizationId: null, sectors: [] };

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  fx = await loadFixture(t);
  ({ token: curator } = await t.user(Role.CURATOR));
  zone = t.running.app.config.TIME_ZONE;
});
afterAll(() => t?.stop());

const ctx = (user: AuthUser = CURATOR, now = NOW): AnalyticsContext => ({ em: t.em(), app: t.running.app, user, now });
const refresh = () => refreshRollup(t.em(), zone);
const servedMonths = async (from: Date | null, to: Date | null, settledBy: Date | null = null) =>
  (await runAnalyticsWork(ctx(), (w) => planRollup(w, zone, from, to, settledBy))).months.map((m) => m.slice(0, 7));
const exec = (statement: Sql) => query<Record<string, any>>(t.em(), statement);

interface Question {
  groupBy: StatsDimension[];
  from?: Date | null;
  to?: Date | null;
  filter?: AppealFilter;
}

const keyOf = (row: StatsRow) => row.group.map((g) => g.value ?? '∅').join('|');

/** The same question through the rollup (auto) and through `appeal` only. */
async function bothWays(q: Question, user: AuthUser = CURATOR, now = NOW) {
  const request = { ...q, metrics: new Set(METRICS) };
  const auto = await computeStats(ctx(user, now), request);
  const raw = await computeStats(ctx(user, now), { ...request, source: 'raw' });
  return { auto, raw };
}

function expectSame(auto: StatsRow[], raw: StatsRow[], label: string) {
  expect(auto.map(keyOf), label).toEqual(raw.map(keyOf));
  const twin = new Map(raw.map((row) => [keyOf(row), row as unknown as Record<string, number | null>]));
  for (const row of auto as unknown as Record<string, number | null>[]) {
    const other = twin.get(keyOf(row as unknown as StatsRow))!;
    for (const metric of METRICS) {
      const where = `${label} ${keyOf(row as unknown as StatsRow)} ${metric}`;
      if (other[metric] == null) expect(row[metric], where).toBeNull();
      else expect(row[metric], where).toBeCloseTo(other[metric]!, 9);
    }
  }
}

const minHealth = () => fx.orgIds.get('min-health')!;
const operator = (): AuthUser => ({ id: 'op', role: Role.ORG_OPERATOR, organizationId: minHealth(), sectors: [] });
const sectorLead: AuthUser = { id: 'lead', role: Role.SECTOR_LEAD, organizationId: null, sectors: ['roads'] };

describe('analytics rollup', () => {
  it('is built by the refresh and then serves whole clean months; the answers stay those of the independent recomputation', async () => {
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toEqual([]);
    const built = await refresh();
    expect(built.months.length).toBeGreaterThanOrEqual(11);
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toHaveLength(11);
    // A period starting mid-month: that month is read from `appeal`, the rest from the rollup.
    expect(await servedMonths(new Date('2025-07-15T00:00:00+03:00'), YEAR_TO)).toHaveLength(10);
    // Every metric, announcements' matches included (counted live beside the cells, like overdue).
    expect(rollupCanAnswer({ groupBy: [ORGANIZATION, MONTH], metrics: [...METRICS] })).toBe(true);
    expect(rollupCanAnswer({ groupBy: [ORGANIZATION, MONTH, StatsDimension.CHANNEL], metrics: [...METRICS] })).toBe(false);

    const r = await t.gql(
      `query S($from: DateTime, $to: DateTime) { stats(groupBy: [ORGANIZATION, MONTH], from: $from, to: $to) {
        group { value } ${METRICS.join(' ')} } }`,
      { from: YEAR_FROM, to: YEAR_TO },
      curator,
    );
    expect(r.errors).toBeUndefined();
    const expected = groupBy(fx.appeals.filter(inPeriod(YEAR_FROM, YEAR_TO)), (a) => `${a.orgId ?? ''}|${moscowMonth(a.receivedAt)}`);
    expect(r.data.stats).toHaveLength(expected.size);
    for (const row of r.data.stats) {
      const want = metrics(expected.get(`${row.group[0].value ?? ''}|${row.group[1].value}`)!);
      for (const [name, value] of Object.entries(want)) {
        if (value == null) expect(row[name], name).toBeNull();
        else expect(row[name] as number, name).toBeCloseTo(value, 6);
      }
    }
  });

  it('answers every grouping, period, filter and scope as the raw statement does', async () => {
    await refresh();
    const groupings = [
      [],
      [MONTH],
      [ORGANIZATION, MONTH],
      [MUNICIPALITY, MONTH],
      [SECTOR, MONTH],
      [ORGANIZATION],
      [SECTOR, MUNICIPALITY],
      [ORGANIZATION, MUNICIPALITY, SECTOR, MONTH],
    ];
    const periods = [
      { from: YEAR_FROM, to: YEAR_TO },
      { from: new Date('2025-11-17T10:00:00Z'), to: NOW },
      { from: null, to: null },
    ];
    const municipality = fx.municipalities.get('volzhsk')!.id;
    const filters: (AppealFilter | undefined)[] = [
      undefined,
      { sector: ['housing'] },
      { organizationId: [minHealth()] },
      { municipalityId: [municipality] },
      { receivedFrom: new Date('2026-02-10T00:00:00Z') },
    ];
    for (const groupBy of groupings) {
      for (const period of periods) {
        for (const filter of filters) {
          const { auto, raw } = await bothWays({ groupBy, ...period, filter });
          expectSame(auto, raw, `${groupBy.join('×') || 'total'} ${period.from?.toISOString() ?? '-'} ${JSON.stringify(filter ?? {})}`);
        }
      }
      for (const user of [operator(), sectorLead]) {
        const { auto, raw } = await bothWays({ groupBy, from: YEAR_FROM, to: YEAR_TO }, user);
        expect(auto.length, `${user.role} sees something`).toBeGreaterThan(0);
        expectSame(auto, raw, `${groupBy.join('×') || 'total'} as ${user.role}`);
      }
    }
  });

  it('shows a change to an appeal at once (its month read from `appeal`), and from the rollup again after the refresh', async () => {
    await refresh();
    const target = fx.appeals.find((a) => a.answeredAt && a.score != null && a.org === 'min-health' && inPeriod(YEAR_FROM, YEAR_TO)(a))!;
    const month = moscowMonth(target.receivedAt);
    const question = { groupBy: [ORGANIZATION, MONTH], from: YEAR_FROM, to: YEAR_TO };
    const before = (await bothWays(question)).auto;
    const other = fx.orgIds.get('gzhi')!;
    await exec(
      sql`update appeal set organization_id = ${other}, satisfaction_score = 1, answered_at = received_at + interval '3 minutes', status = 'CLOSED' where id = ${target.id}`,
    );
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).not.toContain(month);
    const changed = await bothWays(question);
    expectSame(changed.auto, changed.raw, 'after the change, before the refresh');
    const cell = (rows: StatsRow[], org: string) => rows.find((row) => row.group[0].value === org && row.group[1].value === month)!;
    expect(cell(changed.auto, minHealth()).count).toBe(cell(before, minHealth()).count! - 1);
    expect(cell(changed.auto, other).count).toBe(cell(before, other).count! + 1);

    const refreshed = await refresh();
    expect(refreshed.months).toContain(month);
    expect(refreshed.marks).toBeGreaterThan(0);
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toContain(month);
    const after = await bothWays(question);
    expectSame(after.auto, after.raw, 'after the refresh');
    expect(cell(after.auto, other).satisfactionAvg).toBeCloseTo(cell(changed.raw, other).satisfactionAvg!, 9);
    // And the rebuilt cells themselves hold the new figures.
    const [cells] = await exec(
      sql`select sum(n)::int as n from analytics_rollup where grain = 7 and organization_id = ${other} and month = to_timestamp(${month}, 'YYYY-MM')::timestamp`,
    );
    expect(cells.n).toBe(cell(after.raw, other).count);
  });

  it('leaves a month clean when only columns the rollup does not read change', async () => {
    await refresh();
    const target = fx.appeals.find((a) => inPeriod(YEAR_FROM, YEAR_TO)(a))!;
    await exec(sql`update appeal set text = text || ' (уточнено)', updated_at = now() where id = ${target.id}`);
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toContain(moscowMonth(target.receivedAt));
  });

  it('marks the month of an appeal redirected or returned in the audit trail', async () => {
    await refresh();
    const target = fx.appeals.find((a) => !a.redirected && a.status !== 'REDIRECTED' && inPeriod(YEAR_FROM, YEAR_TO)(a))!;
    const question = { groupBy: [MONTH], from: YEAR_FROM, to: YEAR_TO };
    const before = (await bothWays(question)).auto.find((row) => row.group[0].value === moscowMonth(target.receivedAt))!;
    await exec(
      sql`insert into appeal_event (id, appeal_id, type, at, actor_label, from_status, to_status, reason)
        values (${randomUUID()}, ${target.id}, 'REDIRECTED', ${new Date(target.receivedAt.getTime() + DAY)}, 'test', 'ASSIGNED', 'REDIRECTED', 'по компетенции')`,
    );
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).not.toContain(moscowMonth(target.receivedAt));
    const { auto, raw } = await bothWays(question);
    expectSame(auto, raw, 'after the redirect');
    const now = auto.find((row) => row.group[0].value === moscowMonth(target.receivedAt))!;
    expect(now.redirectRate).toBeCloseTo(before.redirectRate! + 1 / before.count!, 9);
  });

  it('counts overdue live: a later clock changes it without a refresh', async () => {
    await refresh();
    const later = new Date(NOW.getTime() + 20 * DAY);
    const question = { groupBy: [ORGANIZATION, MONTH], from: YEAR_FROM, to: YEAR_TO };
    const { auto: atNow } = await bothWays(question);
    const { auto, raw } = await bothWays(question, CURATOR, later);
    expectSame(auto, raw, 'twenty days later');
    const total = (rows: StatsRow[]) => rows.reduce((sum, row) => sum + (row.overdue ?? 0), 0);
    expect(total(auto)).toBeGreaterThan(total(atNow));
  });

  it('gives ratings the raw figures, months with deadlines still to come corrected live for "due in the period"', async () => {
    await refresh();
    const from = new Date('2025-09-01T00:00:00+03:00');
    const to = new Date('2026-05-01T00:00:00+03:00');
    const settled = await servedMonths(from, to, to);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.length).toBeLessThan(8);
    // Ratings read every held month from the cells; those whose deadlines run past the period are "unsettled".
    const plan = await runAnalyticsWork(ctx(), (w) => planRollup(w, zone, from, to, to, true));
    expect(plan.months).toHaveLength(8);
    expect(plan.unsettled.length).toBeGreaterThan(0);
    // The medians below come from the months' histograms (rollup-median.sql.ts), built by the refresh.
    expect(await runAnalyticsWork(ctx(), (w) => hoursReady(w, plan.months))).toBe(true);
    const [housing] = await exec(sql`select id from sector where code = 'housing'`);
    for (const subject of [RatingSubject.ORGANIZATION, RatingSubject.MUNICIPALITY]) {
      for (const sectorId of [null, housing.id as string]) {
        const auto = await loadRatingFigures(ctx(), subject, from, to, sectorId);
        const raw = await loadRatingFigures(ctx(), subject, from, to, sectorId, 'raw');
        const byId = new Map(raw.map((f) => [f.id, f]));
        expect(auto.map((f) => f.id).sort()).toEqual(raw.map((f) => f.id).sort());
        for (const figures of auto) {
          const { medianHours, ...counts } = figures;
          const { medianHours: rawMedian, ...rawCounts } = byId.get(figures.id)!;
          expect(counts, `${subject} ${figures.id}`).toEqual(rawCounts);
          if (rawMedian == null) expect(medianHours).toBeNull();
          else expect(medianHours).toBeCloseTo(rawMedian, 9);
        }
      }
    }
  });

  it('is kept up to date by the refresh job on the queue (ANALYTICS_ROLLUP_INTERVAL_SECONDS)', async () => {
    const t2 = await startTestApp({ clock: new ManualClock(NOW), env: { ANALYTICS_ROLLUP_INTERVAL_SECONDS: '1' }, databaseUrl: t.databaseUrl });
    try {
      const target = fx.appeals.find((a) => a.answeredAt && inPeriod(YEAR_FROM, YEAR_TO)(a))!;
      await exec(sql`update appeal set answered_at = answered_at + interval '1 hour' where id = ${target.id}`);
      expect(await servedMonths(YEAR_FROM, YEAR_TO)).not.toContain(moscowMonth(target.receivedAt));
      await eventually(async () => (await servedMonths(YEAR_FROM, YEAR_TO)).includes(moscowMonth(target.receivedAt)), 'the job rebuilds the month', 60_000);
      const { auto, raw } = await bothWays({ groupBy: [ORGANIZATION, MONTH], from: YEAR_FROM, to: YEAR_TO });
      expectSame(auto, raw, 'after the job');
    } finally {
      await t2.stop();
    }
  });

  it('rebuilds every month when the time zone changes, and reads `appeal` meanwhile', async () => {
    await refresh();
    const rebuilt = await refreshRollup(t.em(), 'Asia/Yekaterinburg');
    expect(rebuilt.months.length).toBeGreaterThanOrEqual(11);
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toEqual([]);
    const { auto, raw } = await bothWays({ groupBy: [ORGANIZATION, MONTH], from: YEAR_FROM, to: YEAR_TO });
    expectSame(auto, raw, 'cells of another zone');
    await refresh();
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toHaveLength(11);
  });

  it('counts appeals answered by announcements live beside the cells, once each, and still reads the cells for the rest', async () => {
    await refresh();
    const inYear = fx.appeals.filter(inPeriod(YEAR_FROM, YEAR_TO));
    const matched = inYear.filter((_, i) => i % 7 === 0);
    const twice = matched.filter((_, i) => i % 3 === 0);
    const [first, second] = [randomUUID(), randomUUID()];
    for (const id of [first, second]) {
      await exec(sql`insert into announcement (id, kind, status, title, body, audience, valid_from, created_at, updated_at)
        values (${id}, 'INFO', 'PUBLISHED', 'Плановые работы', 'Текст', '{}', ${YEAR_FROM}, now(), now())`);
    }
    const rows = [...matched.map((a) => [first, a]), ...twice.map((a) => [second, a])] as [string, (typeof inYear)[number]][];
    for (const [announcement, a] of rows) {
      await exec(
        sql`insert into appeal_announcement (announcement_id, appeal_id, matched_at, received_at) values (${announcement}, ${a.id}, ${a.receivedAt}, ${a.receivedAt})`,
      );
    }
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toHaveLength(11);
    for (const groupBy of [[], [ORGANIZATION, MONTH], [MUNICIPALITY, SECTOR, MONTH], [ORGANIZATION]]) {
      for (const user of [CURATOR, operator(), sectorLead]) {
        const { auto, raw } = await bothWays({ groupBy, from: YEAR_FROM, to: YEAR_TO }, user);
        expectSame(auto, raw, `matches ${groupBy.join('×') || 'total'} as ${user.role}`);
      }
    }
    const [total] = (await bothWays({ groupBy: [], from: YEAR_FROM, to: YEAR_TO })).auto;
    expect(total.matchedByAnnouncement).toBe(matched.length);
    // The cells are what is read: a figure planted in one cell shows in the answer (then taken out again).
    const month = moscowMonth(matched[0].receivedAt);
    const plant = (delta: number) =>
      exec(
        sql`update analytics_rollup set n = n + ${delta} where id = (select min(id) from analytics_rollup where grain = 7 and month = to_timestamp(${month}, 'YYYY-MM')::timestamp)`,
      );
    await plant(1000);
    try {
      const [planted] = await computeStats(ctx(), { groupBy: [], from: YEAR_FROM, to: YEAR_TO, metrics: new Set(METRICS) });
      expect(planted.count).toBe(total.count! + 1000);
      expect(planted.matchedByAnnouncement).toBe(matched.length);
    } finally {
      await plant(-1000);
    }
  });

  it('builds no month before `from` when asked, leaves those to `appeal` and keeps their change marks for a full run', async () => {
    await refresh();
    await exec(sql`delete from analytics_rollup where month < '2025-10-01'`);
    await exec(sql`delete from analytics_rollup_month where month < '2025-10-01'`);
    // Mid-month appeals (a UTC day near a month's end also marks the next month).
    const changed = (month: string) =>
      fx.appeals.find((a) => a.answeredAt && moscowMonth(a.receivedAt) === month && a.receivedAt.getUTCDate() >= 10 && a.receivedAt.getUTCDate() <= 20)!;
    for (const a of [changed('2025-11'), changed('2026-03')])
      await exec(sql`update appeal set answered_at = answered_at + interval '1 hour' where id = ${a.id}`);
    const partial = await refreshRollup(t.em(), zone, { from: '2026-01' });
    expect(partial.months).toEqual(['2026-03']);
    expect(partial.marks).toBe(1);
    // Held and clean: 2025-10, 2025-12 and 2026-01..05; missing (before `from`): 2025-07..09; marked and before `from`: 2025-11.
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toEqual(['2025-10', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    const { auto, raw } = await bothWays({ groupBy: [ORGANIZATION, MONTH], from: YEAR_FROM, to: YEAR_TO });
    expectSame(auto, raw, 'older months from `appeal`');
    const full = await refresh();
    expect(full.months.filter((m) => m >= '2025-07' && m < '2026-06')).toEqual(['2025-07', '2025-08', '2025-09', '2025-11']);
    expect(full.marks).toBe(1);
    expect(await servedMonths(YEAR_FROM, YEAR_TO)).toHaveLength(11);
  });

  it('consumes a mark on the UTC day before the first month built from `from` (that month is then served, not read raw for ever)', async () => {
    await refresh();
    await exec(sql`delete from analytics_rollup where month < '2025-11-01'`);
    await exec(sql`delete from analytics_rollup_month where month < '2025-11-01'`);
    // 2025-10-31 UTC holds the last hours of October and the first of November (Moscow): the trigger marks that day.
    await exec(sql`insert into analytics_dirty (day) values ('2025-10-31')`);
    expect(await servedMonths(new Date('2025-11-01T00:00:00+03:00'), new Date('2025-12-01T00:00:00+03:00'))).toEqual([]);
    const partial = await refreshRollup(t.em(), zone, { from: '2025-11' });
    expect(partial.months).toEqual(['2025-11']);
    expect(partial.marks).toBe(1);
    expect(await servedMonths(new Date('2025-11-01T00:00:00+03:00'), new Date('2025-12-01T00:00:00+03:00'))).toEqual(['2025-11']);
    // October is not held: it is read from `appeal`, and a full run builds it.
    expect((await refresh()).months.filter((m) => m < '2025-11')).toContain('2025-10');
  });
});
