import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { fails, ok } from '../lifecycle/lifecycle-helpers.js';
import { insertAppeals, type FxInput } from './fixture.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { allPlugins } from '../../plugins/index.js';

/** A sector's own rule through the plugin API: every appeal of min-health in the period, as a figure. */
const sectorPlugin = defineSectorPlugin({
  code: 'parks',
  name: { ru: 'Парки и скверы', en: 'Parks' },
  apiVersion: PLUGIN_API_VERSION,
  categories: [{ code: 'parks.benches', name: 'Скамейки и урны в парках', keywords: ['скамейка в парке'] }],
  recommendations: [
    {
      code: 'PARKS_CHECK',
      action: 'Проверить содержание парков',
      async find({ from, to, sql }) {
        const rows = await sql<{ org: string; n: number }>(
          `select a.organization_id as org, count(*)::int as n from appeal a join organization o on o.id = a.organization_id
          where o.code = 'min-health' and a.received_at >= $1 and a.received_at < $2 group by 1`,
          [from, to],
        );
        return rows.map((r) => ({ organizationId: r.org, reason: `${r.n} обращений`, evidence: { appeals: r.n } }));
      },
    },
  ],
});

/**
 * Each recommendation rule on a data set with known answers (period: the
 * first half of 2026; defaults BOILERPLATE_MIN_APPEALS 5, PROBLEM_MIN_APPEALS 5):
 * - adm-volzhsk: 10 answers, 6 of them one text → ANSWER_QUALITY (6 of 10, 0.6);
 *   4 repeats on one street (below 5) → nothing else;
 * - min-health: 20 answers, 4 of them one text (below 5) → no ANSWER_QUALITY;
 *   5 repeats on heating in «ул. Ленина» → REGIONAL_PROBLEM;
 *   its page: 4 comments, 1 answered (0.25 < 0.5) → PAGE_ADMIN_TRAINING;
 * - min-construction: 20 appeals in February (10 on time of 20 answered: 0.5),
 *   30 in May (12 of 30: 0.4), growth 1.5 → STAFFING.
 * adm-volzhsk's staff attended an ANSWER_QUALITY seminar in March.
 */
const clock = new ManualClock('2026-07-15T12:00:00+03:00');
let t: TestApp;
let specialist: string;
const PERIOD = { from: '2026-01-01T00:00:00+03:00', to: '2026-07-01T00:00:00+03:00' };
const BOILER = 'Ваше обращение рассмотрено. Информация принята к сведению.';
const at = (day: number, month = 3) => `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+03:00`;
const QUERY = `query($from: DateTime!, $to: DateTime!, $org: ID) { recommendations(from: $from, to: $to, organizationId: $org) {
  organization { code } code reason action evidence seminarAttended seminar { topic } source pages { name } appeals(first: 50) { totalCount } } }`;
const sql = async <T = any>(query: string, params: unknown[] = []) => (await t.em().getConnection().execute(query, params)) as T[];

beforeAll(async () => {
  t = await startTestApp({ clock, plugins: [...allPlugins, sectorPlugin] });
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  const items: FxInput[] = [];
  for (let i = 0; i < 10; i++)
    items.push({
      org: 'adm-volzhsk',
      category: 'health.appointment',
      municipality: 'volzhsk',
      receivedAt: at(i + 1),
      answerHours: 5,
      answerText: i < 6 ? BOILER : `Ответ по существу № ${i}`,
    });
  for (let i = 0; i < 4; i++)
    items.push({
      org: 'adm-volzhsk',
      category: 'housing.heating',
      municipality: 'volzhsk',
      receivedAt: at(i + 1, 4),
      isRepeat: true,
      address: `Волжск, ул. Мира, д. ${i + 1}`,
    });
  for (let i = 0; i < 20; i++)
    items.push({
      org: 'min-health',
      category: 'health.appointment',
      receivedAt: at(i + 1, 2),
      answerHours: 5,
      answerText: i < 4 ? BOILER : `Запись к врачу организована № ${i}`,
    });
  for (let i = 0; i < 5; i++)
    items.push({ org: 'min-health', category: 'housing.heating', receivedAt: at(i + 1, 5), isRepeat: true, address: `Йошкар-Ола, ул. Ленина, д. ${i + 1}` });
  for (let i = 0; i < 20; i++)
    items.push({ org: 'min-construction', category: 'housing.heating', receivedAt: at(i + 1, 2), answerHours: i < 10 ? 24 : 300, dueHours: 240 });
  for (let i = 0; i < 30; i++)
    items.push({ org: 'min-construction', category: 'housing.heating', receivedAt: at((i % 28) + 1, 5), answerHours: i < 12 ? 24 : 300, dueHours: 240 });
  await insertAppeals(t, items);

  // min-health's page: 4 comments in June, one answered.
  const [org] = await sql("select id from organization where code = 'min-health'");
  const page = await ok(
    t,
    'mutation($input: OfficialPageInput!) { createOfficialPage(input: $input) { id } }',
    {
      input: { organizationId: org.id, platform: 'VK', url: 'https://vk.com/minzdrav_test', name: 'Минздрав (тест)' },
    },
    specialist,
  );
  const comments = await insertAppeals(
    t,
    [0, 1, 2, 3].map((i) => ({ org: 'min-health', category: 'health.appointment', receivedAt: at(20 + i, 6), answerHours: i === 0 ? 2 : null })),
  );
  for (const [i, appealId] of comments.entries()) {
    await sql(`insert into official_page_comment (id, page_id, comment_id, posted_at, appeal_id, created_at) values (gen_random_uuid(), ?, ?, ?, ?, now())`, [
      page.id,
      `c${i}`,
      at(20 + i, 6),
      appealId,
    ]);
  }

  // adm-volzhsk's operator attended an answer-quality seminar in March.
  const operator = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-volzhsk' });
  const seminar = await ok(
    t,
    'mutation($input: SeminarInput!) { createSeminar(input: $input) { id } }',
    {
      input: { topic: 'ANSWER_QUALITY', title: 'Качество ответов', startsAt: at(15), format: 'онлайн' },
    },
    specialist,
  );
  await ok(
    t,
    'mutation($id: ID!, $users: [ID!]!) { recordAttendance(seminarId: $id, userIds: $users) { id } }',
    { id: seminar.id, users: [operator.id] },
    specialist,
  );
});
afterAll(() => t?.stop());

describe('recommendations', () => {
  it('derives each rule from the figures, with reason, evidence, appeals and the matching seminar', async () => {
    const rows = await ok(t, QUERY, PERIOD, specialist);
    const found = rows.map((r: any) => `${r.organization.code} ${r.code}`).sort();
    expect(found).toEqual([
      'adm-volzhsk ANSWER_QUALITY',
      'min-construction STAFFING',
      'min-health PAGE_ADMIN_TRAINING',
      'min-health PARKS_CHECK',
      'min-health REGIONAL_PROBLEM',
    ]);
    const of = (code: string) => rows.find((r: any) => r.code === code);

    expect(of('ANSWER_QUALITY')).toMatchObject({
      evidence: {
        answers: 10,
        boilerplateAnswers: 6,
        share: 0.6,
        mostRepeatedText: BOILER,
        thresholds: { boilerplateMinAppeals: 5, boilerplateShare: 0.2, boilerplateMargin: 0.2, minAnswers: 10 },
      },
      seminarAttended: true,
      seminar: { topic: 'ANSWER_QUALITY' },
      source: 'core',
      appeals: { totalCount: 6 },
    });
    expect(of('ANSWER_QUALITY').reason).toContain('6 из 10');

    expect(of('REGIONAL_PROBLEM')).toMatchObject({ evidence: { repeats: 5 }, seminarAttended: false, appeals: { totalCount: 5 } });
    // The street as the problems cut it (lower-cased where the database's locale folds Cyrillic).
    expect(of('REGIONAL_PROBLEM').evidence.street.toLowerCase()).toBe('йошкар-ола, ул. ленина');

    expect(of('PAGE_ADMIN_TRAINING')).toMatchObject({ pages: [{ name: 'Минздрав (тест)' }], appeals: { totalCount: 3 } });
    expect(of('PAGE_ADMIN_TRAINING').evidence.pages[0]).toMatchObject({ comments: 4, answered: 1, answeredShare: 0.25 });

    expect(of('STAFFING').evidence).toMatchObject({
      firstHalf: { appeals: 20, answered: 20, onTime: 10, onTimeShare: 0.5 },
      secondHalf: { appeals: 30, answered: 30, onTime: 12, onTimeShare: 0.4 },
      growth: 1.5,
    });
    // Its examples: the late answers (10 + 18).
    expect(of('STAFFING').appeals.totalCount).toBe(20);

    // The plugin's rule: 20 + 5 + 4 appeals of min-health in the period.
    expect(of('PARKS_CHECK')).toMatchObject({
      source: 'parks',
      reason: '29 обращений',
      evidence: { appeals: 29 },
      seminarAttended: false,
      appeals: { totalCount: 0 },
    });
  });

  it('narrows to one body, and an operator gets only its own body', async () => {
    const [org] = await sql("select id from organization where code = 'min-health'");
    const one = await ok(t, QUERY, { ...PERIOD, org: org.id }, specialist);
    expect(one.map((r: any) => r.code).sort()).toEqual(['PAGE_ADMIN_TRAINING', 'PARKS_CHECK', 'REGIONAL_PROBLEM']);
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-volzhsk' })).token;
    const own = await ok(t, QUERY, PERIOD, operator);
    expect(own.map((r: any) => `${r.organization.code} ${r.code}`)).toEqual(['adm-volzhsk ANSWER_QUALITY']);
    const other = await fails(t, QUERY, { ...PERIOD, org: org.id }, operator);
    expect(other.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a reversed period and a malformed body id', async () => {
    expect((await fails(t, QUERY, { from: PERIOD.to, to: PERIOD.from }, specialist)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await fails(t, QUERY, { ...PERIOD, org: 'nope' }, specialist)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });
});
