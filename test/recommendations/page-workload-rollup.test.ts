/**
 * The figures of PAGE_ADMIN_TRAINING (core/recommendations/page-rollup.ts) and
 * of STAFFING (core/recommendations/workload-figures.ts) from the rollups
 * against the rows, on a known fixture (Moscow time, period January–June 2026):
 * - min-health's page: 3 comments in February (2 answered), 2 in March, and a
 *   March comment on an appeal received in January (unanswered);
 * - min-transport's page: 4 comments in April (1 answered), a post in May;
 * - adm-volzhsk's page: one comment in December 2025, answered then (its last
 *   activity lies before the period, in a rollup month of its own);
 * - min-construction: 5 late answers in January, 8 on time in May.
 * After a refresh the rollups must give what the rows give (and what the pages'
 * own metrics give); then the January appeal is answered in May, a comment is
 * recorded on an old appeal, a comment is deleted and a late answer is
 * corrected: before any refresh the result must already be the rows' (a
 * missing mark leaves a stale month and fails here), and after the refresh it
 * must come from the rollups again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { refreshRollup } from '../../core/analytics/rollup/rollup-refresh.service.js';
import { rebuildRuleRollupMonth } from '../../core/recommendations/recommendation-rollup.js';
import { loadPageMetrics } from '../../core/official-pages/official-page-metrics.service.js';
import { pageFigures } from '../../core/recommendations/page-rollup.js';
import { planRuleRollup } from '../../core/recommendations/rule-plan.js';
import { loadWorkloadHalves } from '../../core/recommendations/workload-figures.js';
import { insertAppeals, type FxInput } from './fixture.js';

const clock = new ManualClock('2026-07-15T12:00:00+03:00');
const FROM = new Date('2026-01-01T00:00:00+03:00');
const MID = new Date('2026-04-01T00:00:00+03:00');
const TO = new Date('2026-07-01T00:00:00+03:00');
let t: TestApp;
let zone: string;
const pages: Record<string, string> = {};
let lateJanuary: string;
let febComments: string[];
let constructionLate: string[];
let oldTransport: string;

const at = (month: number, d: number, year = 2026) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00+03:00`;
const fx = (org: string, receivedAt: string, answerHours: number | null, dueHours = 240): FxInput => ({
  org,
  category: 'health.appointment',
  receivedAt,
  answerHours,
  dueHours,
});
const sql = (text: string, values: unknown[] = []) => t.em().getConnection().execute(text, values);
async function comment(page: string, postedAt: string, appealId: string): Promise<string> {
  const id = randomUUID();
  await sql(`insert into official_page_comment (id, page_id, comment_id, posted_at, appeal_id, created_at) values (?, ?, ?, ?, ?, now())`, [
    id,
    pages[page],
    id,
    new Date(postedAt),
    appealId,
  ]);
  return id;
}

beforeAll(async () => {
  t = await startTestApp({ clock });
  zone = t.running.app.config.TIME_ZONE;
  for (const org of ['min-health', 'min-transport', 'adm-volzhsk']) {
    const [page] = await sql(
      `insert into official_page (id, organization_id, platform, url, handle, name, verified, created_at, updated_at)
       select gen_random_uuid(), o.id, 'VK', 'https://vk.com/' || o.code, o.code, o.short_name, true, '2025-06-01', '2025-06-01' from organization o where o.code = ?
       returning id`,
      [org],
    );
    pages[org] = page.id;
  }
  const feb = await insertAppeals(t, [fx('min-health', at(2, 1), 5), fx('min-health', at(2, 2), 5), fx('min-health', at(2, 3), null)]);
  febComments = await Promise.all(feb.map((id, i) => comment('min-health', at(2, i + 1), id)));
  for (const [i, id] of (await insertAppeals(t, [fx('min-health', at(3, 1), null), fx('min-health', at(3, 2), null)])).entries()) {
    await comment('min-health', at(3, i + 1), id);
  }
  [lateJanuary] = await insertAppeals(t, [fx('min-health', at(1, 20), null)]);
  await comment('min-health', at(3, 10), lateJanuary!);
  const april = await insertAppeals(
    t,
    [1, 2, 3, 4].map((d) => fx('min-transport', at(4, d), d === 1 ? 5 : null)),
  );
  for (const [i, id] of april.entries()) await comment('min-transport', at(4, i + 1), id);
  await sql(`insert into official_page_post (id, page_id, post_id, published_at, created_at) values (gen_random_uuid(), ?, 'p1', ?, now())`, [
    pages['min-transport'],
    new Date(at(5, 12)),
  ]);
  [oldTransport] = await insertAppeals(t, [fx('min-transport', at(1, 25), 30)]);
  const [december] = await insertAppeals(t, [fx('adm-volzhsk', at(12, 10, 2025), 5)]);
  await comment('adm-volzhsk', at(12, 10, 2025), december!);
  constructionLate = await insertAppeals(
    t,
    [1, 2, 3, 4, 5].map((d) => fx('min-construction', at(1, d), 100, 48)),
  );
  await insertAppeals(
    t,
    [1, 2, 3, 4, 5, 6, 7, 8].map((d) => fx('min-construction', at(5, d), 5)),
  );
});
afterAll(() => t?.stop());

const analytics = () => ({
  em: t.em(),
  app: t.running.app,
  user: { id: 'test', role: Role.ANALYST, organizationId: null, sectors: [] } as never,
  now: clock.now(),
});
const figures = async (rollup: boolean) => ({
  pages: (await pageFigures(t.em(), zone, FROM, TO, rollup)).map((r) => ({
    ...r,
    created_at: new Date(r.created_at).toISOString(),
    last_activity_at: r.last_activity_at == null ? null : new Date(r.last_activity_at).toISOString(),
  })),
  workload: await loadWorkloadHalves(analytics(), FROM, MID, TO, rollup),
});
const months = async () => (await planRuleRollup(t.em(), zone, FROM, TO)).months.map((m) => m.slice(0, 7));
const page = (all: Awaited<ReturnType<typeof figures>>, org: string) => all.pages.find((p) => p.page_id === pages[org])!;
const construction = async (all: Awaited<ReturnType<typeof figures>>) => {
  const [org] = await sql(`select id from organization where code = 'min-construction'`);
  return all.workload.filter((w) => w.organizationId === org.id).map(({ half, n, answered, onTime }) => ({ half, n, answered, onTime }));
};

/** The rows' figures agree with the pages' own metrics (official-page-metrics.service.ts). */
async function sameAsPageMetrics(all: Awaited<ReturnType<typeof figures>>) {
  const metrics = await loadPageMetrics(t.em(), null, FROM, TO, clock.now());
  expect(
    metrics
      .map((m) => ({ id: m.pageId, comments: m.comments, answered: m.answered, posts: m.posts, last: m.lastActivityAt?.toISOString() ?? null }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  ).toEqual(all.pages.map((p) => ({ id: p.page_id, comments: p.comments, answered: p.answered, posts: p.posts, last: p.last_activity_at })));
}

describe('page and workload figures of the recommendation rules', () => {
  it('come from the rollups as the rows give them after a refresh', async () => {
    const raw = await figures(false);
    expect(page(raw, 'min-health')).toMatchObject({ comments: 6, answered: 2, posts: 0, last_activity_at: '2026-02-02T12:00:00.000Z' });
    expect(page(raw, 'min-transport')).toMatchObject({ comments: 4, answered: 1, posts: 1, last_activity_at: new Date(at(5, 12)).toISOString() });
    expect(page(raw, 'adm-volzhsk')).toMatchObject({ comments: 0, answered: 0, last_activity_at: '2025-12-10T12:00:00.000Z' });
    expect(await construction(raw)).toEqual([
      { half: 0, n: 5, answered: 5, onTime: 0 },
      { half: 1, n: 8, answered: 8, onTime: 8 },
    ]);
    await sameAsPageMetrics(raw);
    expect(await months()).toEqual([]);

    await refreshRollup(t.em(), zone, { rebuilders: [rebuildRuleRollupMonth] });
    expect(await months()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    const [{ n }] = await sql('select count(*)::int as n from recommendation_page');
    expect(n).toBeGreaterThan(0);
    expect(await figures(true)).toEqual(raw);
  });

  it('stay exact when comments are answered, recorded and deleted, before and after the next refresh', async () => {
    // The January appeal behind a March comment is answered in May: min-health 3 of 6 answered, last activity in May.
    await sql(`update appeal set answered_at = ?, status = 'CLOSED' where id = ?`, [new Date(at(5, 20)), lateJanuary]);
    // A comment on min-transport's page in April about an appeal of January (answered then).
    await comment('min-transport', at(4, 25), oldTransport);
    // One of February's answered comments is deleted: min-health 2 of 5. Each change marks a month no other one
    // does (the comment's insert April, its delete February, the answer March and May), so a missing trigger fails.
    await sql('delete from official_page_comment where id = ?', [febComments[0]]);
    // One of min-construction's late answers is corrected to on time.
    await sql(`update appeal set answered_at = received_at + interval '1 hour' where id = ?`, [constructionLate[0]]);
    const expected = async (rollup: boolean) => {
      const now = await figures(rollup);
      expect(page(now, 'min-health')).toMatchObject({ comments: 5, answered: 2, last_activity_at: new Date(at(5, 20)).toISOString() });
      expect(page(now, 'min-transport')).toMatchObject({ comments: 5, answered: 2 });
      expect(await construction(now)).toEqual([
        { half: 0, n: 5, answered: 5, onTime: 1 },
        { half: 1, n: 8, answered: 8, onTime: 8 },
      ]);
      return now;
    };
    const raw = await expected(false);
    await sameAsPageMetrics(raw);
    expect(await expected(true)).toEqual(raw);

    await refreshRollup(t.em(), zone, { rebuilders: [rebuildRuleRollupMonth] });
    expect(await months()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(await expected(true)).toEqual(raw);
  });
});
