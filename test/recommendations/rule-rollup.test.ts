/**
 * The recommendation rules' rollups (core/recommendations/recommendation-rollup.ts)
 * against the rows, on a known fixture (Moscow time, first half of 2026,
 * BOILERPLATE_MIN_APPEALS 5, PROBLEM_MIN_APPEALS 5):
 * - min-transport answers 12 appeals in February, 6 with one formal text;
 * - min-health sends its formal text 3 times in February and 3 in March (only
 *   the months summed reach 5) among 10 answers, one of them in January to an
 *   appeal received in December (the answer's month counts, not the receipt's);
 * - min-construction has 3 + 3 repeated appeals on ул. Ленина (houses differ) in
 *   February and March, and 4 on ул. Кирова (below the threshold).
 * After a refresh the rollup must give what the rows give; then new answers,
 * a new repeat, a body change, an address change and an accepted response
 * arrive: before any refresh the result must already be the rows' (a stale
 * rollup fails here), and after the refresh it must come from the rollup again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { refreshRollup } from '../../core/analytics/rollup/rollup-refresh.service.js';
import { answerTextTotals, planRuleRollup, repeatGroups, rebuildRuleRollupMonth } from '../../core/recommendations/recommendation-rollup.js';
import { ok } from '../lifecycle/lifecycle-helpers.js';
import { insertAppeals, type FxInput } from './fixture.js';

const clock = new ManualClock('2026-07-15T12:00:00+03:00');
const FROM = new Date('2026-01-01T00:00:00+03:00');
const TO = new Date('2026-07-01T00:00:00+03:00');
const BOILER = 'Ваше обращение рассмотрено. Информация принята к сведению.';
const QUERY = `query($from: DateTime!, $to: DateTime!) { recommendations(from: $from, to: $to) { organization { code } code evidence appeals(first: 50) { edges { node { id } } } } }`;
let t: TestApp;
let zone: string;
let specialist: string;
let healthBoiler: string[];
let lenina: string[];

const day = (month: number, d: number) => `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00+03:00`;
const answer = (org: string, receivedAt: string, text: string): FxInput => ({
  org,
  category: 'health.appointment',
  receivedAt,
  answerHours: 5,
  answerText: text,
});
const repeat = (street: string, receivedAt: string): FxInput => ({
  org: 'min-construction',
  category: 'housing.heating',
  receivedAt,
  isRepeat: true,
  address: `${street}, д. ${receivedAt.slice(8, 10)}`,
});

beforeAll(async () => {
  t = await startTestApp({ clock });
  zone = t.running.app.config.TIME_ZONE;
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  const transport: FxInput[] = [];
  for (let i = 0; i < 12; i++) transport.push(answer('min-transport', day(2, i + 1), i < 6 ? BOILER : `Ответ по существу № ${i}`));
  await insertAppeals(t, transport);
  healthBoiler = await insertAppeals(
    t,
    [1, 2, 3].map((d) => answer('min-health', day(2, d), BOILER)),
  );
  healthBoiler.push(
    ...(await insertAppeals(
      t,
      [1, 2, 3].map((d) => answer('min-health', day(3, d), `  ${BOILER.toUpperCase()} `)),
    )),
  );
  await insertAppeals(t, [
    { ...answer('min-health', '2025-12-31T20:00:00+03:00', 'Ответ по существу, декабрь'), answerHours: 24 },
    ...[4, 5, 6].map((d) => answer('min-health', day(3, d), `Ответ по существу № ${d}`)),
  ]);
  lenina = await insertAppeals(t, [...[1, 2, 3].map((d) => repeat('ул. Ленина', day(2, d))), ...[1, 2, 3].map((d) => repeat('ул. Ленина', day(3, d)))]);
  await insertAppeals(
    t,
    [1, 2, 3, 4].map((d) => repeat('ул. Кирова', day(4, d))),
  );
});
afterAll(() => t?.stop());

const orgId = async (code: string) => (await t.em().getConnection().execute('select id from organization where code = ?', [code]))[0].id as string;
const totals = (rollup: boolean) => answerTextTotals(t.em(), zone, FROM, TO, 5, rollup);
const repeats = (rollup: boolean) => repeatGroups(t.em(), zone, FROM, TO, 5, null, rollup);
const figures = async (rollup: boolean) => ({
  totals: (await totals(rollup)).map((r) => ({ ...r })),
  repeats: (await repeats(rollup)).map((r) => ({ ...r })),
});
const months = async () => (await planRuleRollup(t.em(), zone, FROM, TO)).months.map((m) => m.slice(0, 7));

describe('recommendation rule rollups', () => {
  it('give the rows’ answer-text and repeat figures after a refresh', async () => {
    const raw = await figures(false);
    const [transportId, healthId] = [await orgId('min-transport'), await orgId('min-health')];
    expect(raw.totals.find((r) => r.organization_id === transportId)).toMatchObject({ answers: 12, boilerplate: 6, text: BOILER });
    expect(raw.totals.find((r) => r.organization_id === healthId)).toMatchObject({ answers: 10, boilerplate: 6 });
    expect(raw.repeats.map((r) => [r.street, r.repeats])).toEqual([['ул. ленина', 6]]);
    expect(new Set(raw.repeats[0]!.ids)).toEqual(new Set(lenina));
    expect(await months()).toEqual([]);

    await refreshRollup(t.em(), zone, { rebuilders: [rebuildRuleRollupMonth] });
    expect(await months()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const [{ n }] = await t.em().getConnection().execute('select count(*)::int as n from recommendation_answer_text');
    expect(n).toBeGreaterThan(0);
    expect(await figures(true)).toEqual(raw);
  });

  it('stay exact when answers, repeats and body changes arrive, before and after the next refresh', async () => {
    const conn = t.em().getConnection();
    const [transportId, healthId] = [await orgId('min-transport'), await orgId('min-health')];
    // A seventh formal answer of min-transport (February), a seventh repeat on ул. Ленина (March).
    await insertAppeals(t, [answer('min-transport', day(2, 20), BOILER)]);
    lenina.push(...(await insertAppeals(t, [repeat('ул. Ленина', day(3, 20))])));
    // One of min-health's formal answers moves to min-transport with its appeal: 5 left, still boilerplate.
    await conn.execute('update appeal set organization_id = ? where id = ?', [transportId, healthBoiler[0]]);
    // One Кирова repeat moves to Ленина (April): 8 on Ленина.
    const [kirova] = await conn.execute(`select id from appeal where address like 'ул. Кирова%' order by received_at limit 1`);
    await conn.execute(`update appeal set address = 'ул. Ленина, д. 40' where id = ?`, [kirova.id]);
    lenina.push(kirova.id);
    // An accepted written answer in January to a min-health appeal, with the formal text: 6 again.
    await conn.execute(
      `insert into appeal_response (id, appeal_id, text, result, organization_id, created_at, review_decision, reviewed_at)
       values (?, ?, ?, 'SUPPORTED', ?, ?, 'ACCEPT', ?)`,
      [randomUUID(), healthBoiler[1], BOILER, healthId, new Date(day(1, 15)), new Date(day(1, 16))],
    );
    const expected = async (rollup: boolean) => {
      const now = await figures(rollup);
      expect(now.totals.find((r) => r.organization_id === transportId)).toMatchObject({ answers: 14, boilerplate: 8, text: BOILER });
      expect(now.totals.find((r) => r.organization_id === healthId)).toMatchObject({ answers: 10, boilerplate: 6 });
      expect(now.repeats.map((r) => [r.street, r.repeats])).toEqual([['ул. ленина', 8]]);
      expect(new Set(now.repeats[0]!.ids)).toEqual(new Set(lenina));
      return now;
    };
    // Before the refresh: the marked months come from the rows.
    const raw = await expected(false);
    expect(await expected(true)).toEqual(raw);
    expect(await months()).toEqual([]);

    await refreshRollup(t.em(), zone, { rebuilders: [rebuildRuleRollupMonth] });
    expect(await months()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(await expected(true)).toEqual(raw);
  });

  it('feed the rules: the recommendations read from the rollup name the same bodies and appeals', async () => {
    const found = await ok(t, QUERY, { from: FROM.toISOString(), to: TO.toISOString() }, specialist);
    const problem = found.find((r: any) => r.code === 'REGIONAL_PROBLEM');
    expect(problem.organization.code).toBe('min-construction');
    expect(problem.evidence).toMatchObject({ street: 'ул. ленина', repeats: 8 });
    expect(new Set(problem.appeals.edges.map((e: any) => e.node.id))).toEqual(new Set(lenina));
  });
});
