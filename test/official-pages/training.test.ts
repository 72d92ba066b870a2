import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { fails, ok } from '../lifecycle/lifecycle-helpers.js';

/** Seminars, attendance per user and each body's training history. */
let t: TestApp;
let center: string;
const CREATE = 'mutation($input: SeminarInput!) { createSeminar(input: $input) { id topic title startsAt attendees { id } } }';
const ATTEND = 'mutation($id: ID!, $users: [ID!]!) { recordAttendance(seminarId: $id, userIds: $users) { id attendees { id } } }';
const sql = async <T = any>(query: string, params: unknown[] = []) => (await t.em().getConnection().execute(query, params)) as T[];

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-05-01T12:00:00+03:00') });
  center = (await t.user(Role.CENTER_HEAD)).token;
});
afterAll(() => t?.stop());

describe('seminars', () => {
  it("creates seminars, records attendance once per user, and lists each body's history", async () => {
    const [volzhsk] = await sql("select id from organization where code = 'adm-volzhsk'");
    const a = await ok(
      t,
      CREATE,
      {
        input: {
          topic: 'ANSWER_QUALITY',
          title: 'Качество ответов',
          startsAt: '2026-03-10T10:00:00+03:00',
          format: 'онлайн',
          materials: ['https://cur.example.ru/slides.pdf'],
        },
      },
      center,
    );
    const b = await ok(
      t,
      CREATE,
      { input: { topic: 'PAGE_ADMIN_TRAINING', title: 'Госпаблики', startsAt: '2026-04-10T10:00:00+03:00', organizationIds: [volzhsk.id] } },
      center,
    );
    await ok(t, CREATE, { input: { topic: 'STAFFING', title: 'Нормирование', startsAt: '2026-04-20T10:00:00+03:00' } }, center);
    const op1 = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-volzhsk' });
    const op2 = await t.user(Role.ORG_OPERATOR, { organizationCode: 'min-health' });
    const attended = await ok(t, ATTEND, { id: a.id, users: [op1.id, op2.id, op1.id] }, center);
    expect(attended.attendees.map((u: any) => u.id).sort()).toEqual([op1.id, op2.id].sort());
    const again = await ok(t, ATTEND, { id: a.id, users: [op1.id] }, center);
    expect(again.attendees).toHaveLength(2);

    const history = await ok(t, `{ organizations(first: 100) { edges { node { code seminars { topic } } } } }`, {}, center);
    const of = (code: string) => history.edges.find((e: any) => e.node.code === code).node.seminars.map((s: any) => s.topic);
    // Invited to one, attended another; newest first.
    expect(of('adm-volzhsk')).toEqual(['PAGE_ADMIN_TRAINING', 'ANSWER_QUALITY']);
    expect(of('min-health')).toEqual(['ANSWER_QUALITY']);
    expect(of('gzhi')).toEqual([]);

    const list = await ok(
      t,
      `query($f: SeminarFilter) { seminars(filter: $f, first: 2) { totalCount edges { node { topic } } pageInfo { hasNextPage } } }`,
      { f: null },
      center,
    );
    expect(list).toMatchObject({
      totalCount: 3,
      edges: [{ node: { topic: 'STAFFING' } }, { node: { topic: 'PAGE_ADMIN_TRAINING' } }],
      pageInfo: { hasNextPage: true },
    });
    const filtered = await ok(
      t,
      `query($f: SeminarFilter) { seminars(filter: $f) { totalCount edges { node { topic } } } }`,
      { f: { organizationId: volzhsk.id } },
      center,
    );
    expect(filtered.edges.map((e: any) => e.node.topic)).toEqual(['PAGE_ADMIN_TRAINING', 'ANSWER_QUALITY']);
    expect(b.topic).toBe('PAGE_ADMIN_TRAINING');

    // The monthly report's training section: April's two seminars (nobody attended them).
    const report = await ok(
      t,
      'query($m: String!) { monthlyReport(month: $m) { training { title topic attendees organizations } } }',
      { m: '2026-04' },
      center,
    );
    expect(report.training).toEqual([
      { title: 'Госпаблики', topic: 'PAGE_ADMIN_TRAINING', attendees: 0, organizations: 0 },
      { title: 'Нормирование', topic: 'STAFFING', attendees: 0, organizations: 0 },
    ]);
    const march = await ok(t, 'query($m: String!) { monthlyReport(month: $m) { training { topic attendees organizations } } }', { m: '2026-03' }, center);
    expect(march.training).toEqual([{ topic: 'ANSWER_QUALITY', attendees: 2, organizations: 2 }]);
    const html = await (await fetch(`${t.url}/reports/monthly/2026-03.html`, { headers: { authorization: `Bearer ${center}` } })).text();
    expect(html).toContain('Обучение специалистов органов');
    expect(html).toContain('Качество ответов');
  });

  it('refuses an unknown user naming userIds.N, with nothing recorded', async () => {
    const s = await ok(t, CREATE, { input: { topic: 'ANSWER_QUALITY', title: 'Повтор', startsAt: '2026-04-01T10:00:00+03:00' } }, center);
    const op = await t.user(Role.ORG_OPERATOR, { organizationCode: 'gzhi' });
    const error = await fails(t, ATTEND, { id: s.id, users: [op.id, '00000000-0000-4000-8000-000000000001'] }, center);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userIds.1' });
    const [{ n }] = await sql('select count(*)::int as n from seminar_attendance where seminar_id = ?', [s.id]);
    expect(n).toBe(0);
    expect((await fails(t, CREATE, { input: { topic: 'bad topic', title: 'x', startsAt: '2026-04-01T10:00:00+03:00' } }, center)).extensions).toMatchObject({
      field: 'input.topic',
    });
    const [org] = await sql("select id from organization where code = 'gzhi'");
    expect(
      (
        await fails(
          t,
          CREATE,
          { input: { topic: 'X_Y', title: 'x', startsAt: '2026-04-01T10:00:00+03:00', organizationIds: [org.id, '00000000-0000-4000-8000-000000000002'] } },
          center,
        )
      ).extensions,
    ).toMatchObject({ field: 'input.organizationIds.1' });
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'gzhi' })).token;
    expect((await fails(t, CREATE, { input: { topic: 'X_Y', title: 'x', startsAt: '2026-04-01T10:00:00+03:00' } }, operator)).extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
