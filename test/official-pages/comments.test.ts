import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { runDeadlineWatch } from '../../core/deadline-watch/deadline-watch.service.js';
import { fails, ok } from '../lifecycle/lifecycle-helpers.js';

/**
 * Residents' comments on official pages as appeals: exactly once per
 * (page, comment id), also under concurrent calls and across both doors,
 * with the answer term of the deadline policy's officialPageComment.
 */
const RECORD = `mutation($input: OfficialPageCommentInput!) { recordOfficialPageComment(input: $input) {
  created appeal { id channel status externalId organization { code }
    deadline { rule dueAt rules { code dueAt deciding } } } } }`;

// Tuesday 3 March 2026, 10:00 Moscow.
const clock = new ManualClock('2026-03-03T10:00:00+03:00');
let t: TestApp;
let integration: string;
let specialist: string;
let pageId: string;
const sql = async <T = any>(query: string, params: unknown[] = []) => (await t.em().getConnection().execute(query, params)) as T[];

beforeAll(async () => {
  t = await startTestApp({ clock, intake: lifecycleIntake });
  integration = (await t.user(Role.INTEGRATION)).token;
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  const [org] = await sql("select id from organization where code = 'adm-yoshkar-ola'");
  const page = await ok(
    t,
    'mutation($input: OfficialPageInput!) { createOfficialPage(input: $input) { id } }',
    {
      input: {
        organizationId: org.id,
        platform: 'VK',
        url: 'https://vk.com/adm_yola_test',
        handle: 'adm_yola_test',
        name: 'Администрация Йошкар-Олы (тест)',
        verified: true,
      },
    },
    specialist,
  );
  pageId = page.id;
});
afterAll(() => t?.stop());

const comment = (commentId: string, extra: Record<string, unknown> = {}) => ({
  pageId,
  commentId,
  postId: 'post-1',
  authorHandle: 'ivan_ivanov',
  text: 'Когда отремонтируют дорогу на улице Кирова? Яма у дома 12.',
  postedAt: '2026-03-03T09:00:00+03:00',
  ...extra,
});

describe('recordOfficialPageComment', () => {
  it('takes a comment in as an appeal of the page body with the one-working-day comment term', async () => {
    const result = await ok(t, RECORD, { input: comment('c-1') }, integration);
    expect(result.created).toBe(true);
    expect(result.appeal).toMatchObject({ channel: 'SOCIAL_MEDIA', status: 'ASSIGNED', organization: { code: 'adm-yoshkar-ola' } });
    const rules = Object.fromEntries(result.appeal.deadline.rules.map((r: any) => [r.code, r]));
    // Posted on Tuesday: one working day ends with the next working day, Wednesday 4 March, 24:00 Moscow.
    expect(rules['OFFICIAL_PAGE_COMMENT.answer.1wd'].dueAt).toBe('2026-03-04T20:59:59.999Z');
    // Until someone reacts, the incident's 4-hour first reaction comes first.
    expect(result.appeal.deadline.rule).toBe('INCIDENT.reaction.4h');
    const [link] = await sql('select comment_id, post_id, author_handle, appeal_id from official_page_comment where page_id = ?', [pageId]);
    expect(link).toEqual({ comment_id: 'c-1', post_id: 'post-1', author_handle: 'ivan_ivanov', appeal_id: result.appeal.id });
  });

  it('returns the same appeal for the same (page, comment id), also under concurrent calls', async () => {
    const again = await ok(t, RECORD, { input: comment('c-1', { text: 'другой текст' }) }, specialist);
    const [first] = await sql("select appeal_id from official_page_comment where comment_id = 'c-1'");
    expect(again).toMatchObject({ created: false, appeal: { id: first.appeal_id } });

    const parallel = await Promise.all(Array.from({ length: 6 }, () => t.gql(RECORD, { input: comment('c-parallel') }, integration)));
    for (const r of parallel) expect(r.errors).toBeUndefined();
    const ids = new Set(parallel.map((r) => r.data.recordOfficialPageComment.appeal.id));
    expect(ids.size).toBe(1);
    expect(parallel.filter((r) => r.data.recordOfficialPageComment.created)).toHaveLength(1);
    const [{ count }] = await sql("select count(*)::int as count from official_page_comment where comment_id = 'c-parallel'");
    expect(count).toBe(1);
    const [{ appeals }] = await sql('select count(*)::int as appeals from appeal where external_id = ?', [`page-comment:${pageId}:c-parallel`]);
    expect(appeals).toBe(1);
  });

  it('refuses bad input naming the field, and leaves nothing behind', async () => {
    const before = (await sql('select count(*)::int as n from appeal'))[0].n;
    const cases: [Record<string, unknown>, string][] = [
      [{ pageId: '00000000-0000-4000-8000-000000000000' }, 'input.pageId'],
      [{ pageId: 'not-a-uuid' }, 'input.pageId'],
      [{ commentId: '  ' }, 'input.commentId'],
      [{ commentId: 'x'.repeat(151) }, 'input.commentId'],
      [{ text: 'bad\u0000text' }, 'input.text'],
      [{ text: 'x'.repeat(20_001) }, 'input.text'],
      [{ postedAt: '2026-03-05T10:00:00+03:00' }, 'input.postedAt'],
    ];
    for (const [extra, field] of cases) {
      const error = await fails(t, RECORD, { input: comment(`bad-${field}`, extra) }, integration);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await sql('select count(*)::int as n from appeal'))[0].n).toBe(before);
  });

  it('lets only the monitoring integration and the ЦУР staff record comments', async () => {
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' })).token;
    const error = await fails(t, RECORD, { input: comment('c-operator') }, operator);
    expect(error.extensions?.code).toBe('FORBIDDEN');
  });

  it("lists the page comments newest first, in pages, within the caller's scope", async () => {
    await ok(t, RECORD, { input: comment('c-later', { postedAt: '2026-03-03T09:30:00+03:00' }) }, integration);
    const query = `query($id: ID!, $after: String) { officialPage(id: $id) { comments(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } } } } }`;
    const first = await ok(t, query, { id: pageId }, specialist);
    expect(first.comments.totalCount).toBe(3);
    expect(first.comments.edges.map((e: any) => e.node.externalId)).toEqual([`page-comment:${pageId}:c-later`, expect.stringMatching(/c-(1|parallel)$/)]);
    const second = await ok(t, query, { id: pageId, after: first.comments.pageInfo.endCursor }, specialist);
    expect(second.comments.edges).toHaveLength(1);
    expect(second.comments.pageInfo.hasNextPage).toBe(false);
    const other = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'min-health' })).token;
    expect((await ok(t, query, { id: pageId }, other)).comments.totalCount).toBe(0);
  });

  it('raises deadline alerts for comments like for any deadline', async () => {
    const result = await ok(t, RECORD, { input: comment('c-alert', { postedAt: '2026-03-03T09:50:00+03:00' }) }, integration);
    clock.set(new Date('2026-03-03T14:00:00+03:00'));
    const alerts = await runDeadlineWatch(t.running.app);
    expect(alerts.some((a: any) => a.appealId === result.appeal.id)).toBe(true);
  });
});

describe('the social channel batch intake', () => {
  it('links page comments to the page, with the comment term, and merges a comment already recorded', async () => {
    const lines = [
      {
        platform: 'vk',
        kind: 'comment',
        id: 'c-1',
        url: 'https://vk.com/adm_yola_test?w=wall-1_1_r1',
        text: 'Тот же комментарий',
        publishedAt: '2026-03-03T09:00:00+03:00',
        pageUrl: 'https://vk.com/adm_yola_test',
      },
      {
        platform: 'vk',
        kind: 'comment',
        id: 'c-batch',
        url: 'https://vk.com/adm_yola_test?w=wall-1_1_r2',
        text: 'Не вывозят мусор во дворе дома 5 по улице Ленина',
        publishedAt: '2026-03-03T11:00:00+03:00',
        pageHandle: 'adm_yola_test',
      },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');
    const response = await fetch(`${t.url}/channels/imports?adapter=social`, {
      method: 'POST',
      headers: { authorization: `Bearer ${integration}`, 'content-type': 'application/x-ndjson' },
      body: lines,
    });
    const started = (await response.json()) as any;
    let job: any;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await (await fetch(`${t.url}/channels/imports/${started.id}`, { headers: { authorization: `Bearer ${integration}` } })).json();
    } while (job.status === 'RUNNING');
    expect(job).toMatchObject({ status: 'DONE', accepted: 2, merged: 1 });
    const rows = await sql(
      'select c.comment_id, a.deadline_rules from official_page_comment c join appeal a on a.id = c.appeal_id where c.page_id = ? and c.comment_id = ?',
      [pageId, 'c-batch'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].deadline_rules.map((r: any) => r.code)).toContain('OFFICIAL_PAGE_COMMENT.answer.1wd');
    const [{ count }] = await sql("select count(*)::int as count from official_page_comment where comment_id = 'c-1'");
    expect(count).toBe(1);
  });
});

describe('the comment term is a parameter', () => {
  it('takes DEADLINE_POLICY officialPageComment and decides by it when it is the earliest', async () => {
    const other = await startTestApp({
      clock: new ManualClock('2026-03-03T10:00:00+03:00'),
      env: { DEADLINE_POLICY: JSON.stringify({ officialPageComment: { answer: { hours: 2 } } }) },
    });
    try {
      const token = (await other.user(Role.CENTER_SPECIALIST)).token;
      const [org] = await other.em().getConnection().execute("select id from organization where code = 'adm-volzhsk'");
      const page = await ok(
        other,
        'mutation($input: OfficialPageInput!) { createOfficialPage(input: $input) { id } }',
        {
          input: { organizationId: org.id, platform: 'TELEGRAM', url: 'https://t.me/adm_volzhsk_test', name: 'Администрация Волжска' },
        },
        token,
      );
      const result = await ok(
        other,
        RECORD,
        { input: { pageId: page.id, commentId: '1', text: 'Нет отопления в школе', postedAt: '2026-03-03T09:00:00+03:00' } },
        token,
      );
      expect(result.appeal.deadline).toMatchObject({ rule: 'OFFICIAL_PAGE_COMMENT.answer.2h', dueAt: '2026-03-03T08:00:00.000Z' });
    } finally {
      await other.stop();
    }
  });
});
