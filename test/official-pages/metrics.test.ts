import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { ok } from '../lifecycle/lifecycle-helpers.js';

/**
 * Page metrics, the page rating and silent pages on figures set by hand:
 * comments taken in through the mutation, their answers and terms then set
 * in SQL to known times (Moscow, UTC+3).
 *
 * Page A (adm-yoshkar-ola): 4 comments in March, answered after 2 h and 4 h
 *   (on time), 48 h (late), one unanswered → answered 3, share 0.75, on time 2,
 *   median 4 h; posts: 2 in March, 1 in February; last activity: the post of 25 March.
 * Page B (adm-volzhsk): 1 comment answered after 1 h on time; no posts;
 *   last activity: that answer on 2 March → silent 29 days on 31 March.
 * Page C (min-health): never active, registered on 1 February → silent 58 days.
 */
const clock = new ManualClock('2026-03-31T12:00:00+03:00');
let t: TestApp;
let token: string;
const pages: Record<string, string> = {};
const queries: string[] = [];
const sql = async <T = any>(query: string, params: unknown[] = []) => (await t.em().getConnection().execute(query, params)) as T[];
const RECORD = 'mutation($input: OfficialPageCommentInput!) { recordOfficialPageComment(input: $input) { appeal { id } } }';
const POST = 'mutation($input: OfficialPagePostInput!) { recordOfficialPagePost(input: $input) { id created } }';

async function commentAnswered(page: string, id: string, postedAt: string, answeredAfterHours: number | null) {
  const { appeal } = await ok(t, RECORD, { input: { pageId: pages[page], commentId: id, text: `Комментарий ${id}: нет освещения во дворе`, postedAt } }, token);
  const posted = new Date(postedAt).getTime();
  const due = new Date(posted + 24 * 3_600_000);
  const answered = answeredAfterHours == null ? null : new Date(posted + answeredAfterHours * 3_600_000);
  await sql('update appeal set due_at = ?, answered_at = ?, status = ? where id = ?', [due, answered, answered ? 'ANSWERED' : 'IN_PROGRESS', appeal.id]);
}

beforeAll(async () => {
  // No shrinkage and a place from one comment: the scores below are the raw shares, computed by hand.
  t = await startTestApp({ clock, env: { RATING_PRIOR_WEIGHT: '0', RATING_MIN_APPEALS: '1' }, onQuery: (q) => queries.push(q) });
  token = (await t.user(Role.CENTER_SPECIALIST)).token;
  for (const [key, code, url] of [
    ['A', 'adm-yoshkar-ola', 'https://vk.com/a_test'],
    ['B', 'adm-volzhsk', 'https://vk.com/b_test'],
    ['C', 'min-health', 'https://vk.com/c_test'],
  ]) {
    const [org] = await sql('select id from organization where code = ?', [code]);
    pages[key] = (
      await ok(
        t,
        'mutation($input: OfficialPageInput!) { createOfficialPage(input: $input) { id } }',
        {
          input: { organizationId: org.id, platform: 'VK', url, name: `Страница ${key}`, verified: key === 'A' },
        },
        token,
      )
    ).id;
  }
  await sql("update official_page set created_at = '2026-02-01T00:00:00+03:00' where id in (?, ?, ?)", [pages.A, pages.B, pages.C]);
  await commentAnswered('A', 'a1', '2026-03-02T10:00:00+03:00', 2);
  await commentAnswered('A', 'a2', '2026-03-02T11:00:00+03:00', 4);
  await commentAnswered('A', 'a3', '2026-03-02T12:00:00+03:00', 48);
  await commentAnswered('A', 'a4', '2026-03-02T13:00:00+03:00', null);
  await commentAnswered('B', 'b1', '2026-03-02T10:00:00+03:00', 1);
  for (const [id, at] of [
    ['p-feb', '2026-02-20T10:00:00+03:00'],
    ['p1', '2026-03-05T10:00:00+03:00'],
    ['p2', '2026-03-25T10:00:00+03:00'],
  ]) {
    expect(await ok(t, POST, { input: { pageId: pages.A, postId: id, publishedAt: at, title: 'Новости' } }, token)).toMatchObject({ created: true });
  }
  // The same post again is counted once.
  expect(await ok(t, POST, { input: { pageId: pages.A, postId: 'p2', publishedAt: '2026-03-25T10:00:00+03:00' } }, token)).toMatchObject({ created: false });
});
afterAll(() => t?.stop());

const MARCH = { from: '2026-03-01T00:00:00+03:00', to: '2026-04-01T00:00:00+03:00' };

describe('official page metrics', () => {
  it('gives each page its figures for the period, in one statement for the list', async () => {
    queries.length = 0;
    const list = await ok(
      t,
      `query($from: DateTime!, $to: DateTime!) { officialPages { edges { node { name metrics(from: $from, to: $to) {
      comments answered answeredShare answeredOnTime medianAnswerHours posts lastActivityAt daysSinceLastActivity verified } } } } }`,
      MARCH,
      token,
    );
    const byName = Object.fromEntries(list.edges.map((e: any) => [e.node.name, e.node.metrics]));
    expect(byName['Страница A']).toEqual({
      comments: 4,
      answered: 3,
      answeredShare: 0.75,
      answeredOnTime: 2,
      medianAnswerHours: 4,
      posts: 2,
      lastActivityAt: '2026-03-25T07:00:00.000Z',
      daysSinceLastActivity: 6,
      verified: true,
    });
    expect(byName['Страница B']).toEqual({
      comments: 1,
      answered: 1,
      answeredShare: 1,
      answeredOnTime: 1,
      medianAnswerHours: 1,
      posts: 0,
      lastActivityAt: '2026-03-02T08:00:00.000Z',
      daysSinceLastActivity: 29,
      verified: false,
    });
    expect(byName['Страница C']).toMatchObject({
      comments: 0,
      answered: 0,
      answeredShare: null,
      medianAnswerHours: null,
      posts: 0,
      lastActivityAt: null,
      daysSinceLastActivity: 58,
    });
    expect(queries.filter((q) => q.includes('from official_page_comment c join appeal a'))).toHaveLength(1);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await t.gql(
      `query($id: ID!) { officialPage(id: $id) { metrics(from: "2026-04-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { comments } } }`,
      { id: pages.A },
      token,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

describe('officialPageRatings', () => {
  it('ranks pages and bodies by the ratings method, each part with its figures', async () => {
    const rows = await ok(
      t,
      `query($from: DateTime!, $to: DateTime!) { officialPageRatings(from: $from, to: $to) {
      rank score organizationRank organizationScore page { name } organization { code } metrics { comments }
      parts { part value weight points figures { code value } } } }`,
      MARCH,
      token,
    );
    expect(rows.map((r: any) => [r.page.name, r.rank])).toEqual([
      ['Страница B', 1],
      ['Страница A', 2],
      ['Страница C', null],
    ]);
    // Pooled: 5 comments, 4 answered, 3 on time, all 5 due, median of 2, 4, 48, 1 = 3 h.
    // A: 0.3 × 3/4 + 0.3 × 2/3 + 0.2 × 3/(3+4) + 0.2 × 3/4.
    const a = rows[1];
    expect(a.score).toBeCloseTo(100 * (0.3 * 0.75 + 0.3 * (2 / 3) + 0.2 * (3 / 7) + 0.2 * 0.75), 6);
    expect(Object.fromEntries(a.parts.map((p: any) => [p.part, p.value]))).toEqual({
      quantity: 0.75,
      timeliness: expect.closeTo(2 / 3, 9),
      speed: expect.closeTo(3 / 7, 9),
      completeness: 0.75,
    });
    // B: answered all in 1 h: 0.3 + 0.3 + 0.2 × 3/(3+1) + 0.2.
    expect(rows[0].score).toBeCloseTo(95, 6);
    expect(rows[0].organizationRank).toBe(1);
    expect(a.organizationScore).toBeCloseTo(a.score, 6);
    expect(rows[2]).toMatchObject({ score: null, organizationRank: null, metrics: { comments: 0 } });
  });
});

describe('silentOfficialPages', () => {
  it('lists pages without a post or an answer for OFFICIAL_PAGE_SILENT_DAYS (14) as coordination tasks', async () => {
    const rows = await ok(t, '{ silentOfficialPages { page { name } organization { code } silentDays lastActivityAt task } }', {}, token);
    expect(rows.map((r: any) => [r.page.name, r.silentDays])).toEqual([
      ['Страница C', 58],
      ['Страница B', 29],
    ]);
    expect(rows[0].task).toContain('58 дн.');
  });
});
