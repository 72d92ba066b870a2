/**
 * The best-practice rollup (core/recommendations/practice-rollup.ts) against
 * the appeals, on known figures (BEST_PRACTICE_MIN_APPEALS 10, roads.potholes,
 * Yoshkar-Ola, February–March 2026, period February–April): gku-roads answers
 * 6 + 4 appeals in 2 h, on time, rated 5; adm-yoshkar-ola 6 + 4 in 98 h, half
 * late, rated 3. Only the two months summed give gku-roads its 10 appeals.
 * After a refresh the rollup must give what the appeals give; then five slow,
 * badly rated answers of gku-roads arrive and an appeal changes category:
 * before any refresh the result must already be the appeals' (a stale rollup
 * fails here: SPEED and SATISFACTION would stay), and after it, the rollup's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { refreshRollup } from '../../core/analytics/rollup/rollup-refresh.service.js';
import { rebuildRuleRollupMonth } from '../../core/recommendations/recommendation-rollup.js';
import { findBestPractices } from '../../core/recommendations/best-practices.service.js';
import { planRuleRollup } from '../../core/recommendations/rule-plan.js';
import { insertAppeals, type FxInput } from './fixture.js';

const clock = new ManualClock('2026-05-15T12:00:00+03:00');
const FROM = new Date('2026-02-01T00:00:00+03:00');
const TO = new Date('2026-05-01T00:00:00+03:00');
let t: TestApp;
let zone: string;

const at = (month: number, d: number, hour: number) => `2026-0${month}-${String(d).padStart(2, '0')}T${hour}:00:00+03:00`;
const gku = (month: number, d: number): FxInput => ({
  org: 'gku-roads',
  category: 'roads.potholes',
  receivedAt: at(month, d, 10),
  answerHours: 2,
  score: 5,
  answerText: `Яма заделана, № ${month}-${d}`,
});
const adm = (month: number, d: number, late: boolean): FxInput => ({
  org: 'adm-yoshkar-ola',
  category: 'roads.potholes',
  receivedAt: at(month, d, 11),
  answerHours: 98,
  dueHours: late ? 48 : 240,
  score: 3,
  answerText: 'Рассмотрено',
});

beforeAll(async () => {
  t = await startTestApp({ clock, env: { BEST_PRACTICE_MIN_APPEALS: '10' } });
  zone = t.running.app.config.TIME_ZONE;
  const items: FxInput[] = [];
  for (let d = 1; d <= 6; d++) items.push(gku(2, d), adm(2, d, d > 3));
  for (let d = 1; d <= 4; d++) items.push(gku(3, d), adm(3, d, d > 2));
  await insertAppeals(t, items);
});
afterAll(() => t?.stop());

const practices = (rollup: boolean) => findBestPractices(t.running.app, t.em(), FROM, TO, null, { rollup });
const potholes = async (rollup: boolean) => {
  const [category] = await t.em().getConnection().execute(`select id from category where code = 'roads.potholes'`);
  const all = await practices(rollup);
  return {
    all,
    potholes: all.filter((p) => p.categoryId === category.id).map((p) => [p.organizationId ? 'org' : 'mun', p.measure, p.figures.appeals]),
  };
};
const months = async () => (await planRuleRollup(t.em(), zone, FROM, TO)).months.map((m) => m.slice(0, 7));

describe('best-practice rollup', () => {
  it('gives the appeals’ practices and figures after a refresh', async () => {
    const raw = await potholes(false);
    expect(raw.potholes).toEqual([
      ['org', 'SPEED', 10],
      ['org', 'ON_TIME', 10],
      ['org', 'SATISFACTION', 10],
    ]);
    expect(raw.all.find((p) => p.measure === 'SPEED')!.figures).toMatchObject({ avgAnswerHours: 2, compared: { appeals: 20, avgAnswerHours: 50 } });
    await refreshRollup(t.em(), zone, { rebuilders: [rebuildRuleRollupMonth] });
    expect(await months()).toEqual(['2026-02', '2026-03']);
    const [{ n }] = await t.em().getConnection().execute('select count(*)::int as n from recommendation_practice');
    expect(n).toBeGreaterThan(0);
    expect(await potholes(true)).toEqual(raw);
  });

  it('stays exact when appeals arrive and change, before and after the next refresh', async () => {
    for (let d = 10; d < 15; d++) await insertAppeals(t, [{ ...gku(3, d), answerHours: 200, score: 1 }]);
    // An adm-yoshkar-ola appeal of February moves to another category: 9 of its appeals stay on potholes.
    await t
      .em()
      .getConnection()
      .execute(
        `update appeal set category_id = (select id from category where code = 'housing.heating')
         where id = (select id from appeal where organization_id = (select id from organization where code = 'adm-yoshkar-ola') order by received_at limit 1)`,
      );
    const raw = await potholes(false);
    // gku-roads: 15 appeals, mean 68 h against the category's 79.3 h, score 3.67 against 3.42: on time only.
    expect(raw.potholes).toEqual([['org', 'ON_TIME', 15]]);
    expect(await potholes(true)).toEqual(raw);
    expect(await months()).toEqual([]);
    await refreshRollup(t.em(), zone, { rebuilders: [rebuildRuleRollupMonth] });
    expect(await months()).toEqual(['2026-02', '2026-03']);
    expect(await potholes(true)).toEqual(raw);
  });
});
