import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { ok } from '../lifecycle/lifecycle-helpers.js';
import { insertAppeals, type FxInput } from './fixture.js';

/**
 * ANSWER_QUALITY against the region's distribution, on a constructed data set
 * (first half of 2026; BOILERPLATE_MIN_APPEALS 5, ANSWER_QUALITY_MIN_ANSWERS 10):
 * - five bodies answer 20 appeals each, 6 of them with their standard phrase
 *   (share 0.3: above the absolute 0.2, so a rule without the region's yardstick
 *   flags them all);
 * - min-transport answers 16 of its 20 with one formal text (0.8);
 * - gzhi sends its formal text to all of its 8 answers: too few answers to judge.
 * The region's median share is 0.3, the bar 0.5: only min-transport is told.
 */
const clock = new ManualClock('2026-07-15T12:00:00+03:00');
let t: TestApp;
let specialist: string;
const BOILER = 'Ваше обращение рассмотрено. Информация принята к сведению.';
const at = (i: number) => `2026-03-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+03:00`;
const QUERY = `query($from: DateTime!, $to: DateTime!, $org: ID) { recommendations(from: $from, to: $to, organizationId: $org) {
  organization { code } code reason evidence } }`;
const PERIOD = { from: '2026-01-01T00:00:00+03:00', to: '2026-07-01T00:00:00+03:00' };
const TYPICAL = ['min-construction', 'min-energy', 'min-education', 'min-health', 'min-social'];

beforeAll(async () => {
  t = await startTestApp({ clock });
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  const items: FxInput[] = [];
  const answer = (org: string, i: number, text: string): FxInput => ({
    org,
    category: 'health.appointment',
    receivedAt: at(i),
    answerHours: 5,
    answerText: text,
  });
  for (const org of TYPICAL) {
    for (let i = 0; i < 20; i++)
      items.push(answer(org, i, i < 6 ? `${org}: нарушение устранено, специалисты выезжали на место.` : `${org}: ответ по существу № ${i}`));
  }
  for (let i = 0; i < 20; i++) items.push(answer('min-transport', i, i < 16 ? BOILER : `Ответ по существу № ${i}`));
  for (let i = 0; i < 8; i++) items.push(answer('gzhi', i, BOILER));
  await insertAppeals(t, items);
});
afterAll(() => t?.stop());

const quality = async (org?: string) => {
  const recommendations = await ok(t, QUERY, { ...PERIOD, org }, specialist);
  return recommendations.filter((r: any) => r.code === 'ANSWER_QUALITY');
};

describe('ANSWER_QUALITY against the region', () => {
  it('tells the body whose formal answers stand out, not every body that reuses a phrase', async () => {
    const found = await quality();
    expect(found.map((r: any) => r.organization.code)).toEqual(['min-transport']);
    expect(found[0].evidence).toMatchObject({
      answers: 20,
      boilerplateAnswers: 16,
      share: 0.8,
      regionMedianShare: 0.3,
      bodiesJudged: 6,
      bar: 0.5,
      thresholds: { boilerplateShare: 0.2, boilerplateMargin: 0.2, minAnswers: 10, boilerplateMinAppeals: 5 },
    });
    expect(found[0].reason).toContain('16 из 20');
    expect(found[0].reason).toContain('медиана) 30%');
  });

  it('judges one body asked for against the whole region, and nobody with too few answers', async () => {
    expect((await quality(await orgId('min-transport'))).map((r: any) => r.organization.code)).toEqual(['min-transport']);
    expect(await quality(await orgId('min-health'))).toEqual([]);
    expect(await quality(await orgId('gzhi'))).toEqual([]); // 8 answers, all formal: not enough to judge
  });
});

async function orgId(code: string): Promise<string> {
  const [row] = await t.em().getConnection().execute('select id from organization where code = ?', [code]);
  return row.id;
}
