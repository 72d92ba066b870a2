import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';
import { join, queryOne, sql, type Sql } from '../../core/db/sql.js';

let t: TestApp;
let token: string;
const statements: string[] = [];
const NOW = new Date('2026-06-15T12:00:00+03:00');

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  for (const organizationCode of ['min-construction', 'min-health', 'adm-yoshkar-ola', 'adm-volzhsk', 'min-transport']) {
    await t.user(Role.ORG_OPERATOR, { organizationCode });
  }
  await generateBulkAppeals(t.em(), { count: 400, now: NOW, regionCode: '12', calendar: t.running.app.calendar, seed: 7 });
  ({ token } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $filter: AppealFilter, $orderBy: AppealOrder) {
  appeals(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    edges { cursor node { id number status receivedAt dueAt
      organization { id shortName } municipality { id name } sector { code } category { code } assignee { id fullName }
      deadline { state } } }
  }
}`;

async function sqlCount(variables: Record<string, unknown>) {
  statements.length = 0;
  const result = await t.gql(PAGE, variables, token);
  expect(result.errors).toBeUndefined();
  return { count: statements.filter((s) => /\b(select|with)\b/i.test(s)).length, result };
}

describe('appeals list', () => {
  it('takes a fixed number of SQL statements whatever the page size (no N+1)', async () => {
    const cold = await sqlCount({ first: 100 });
    const small = await sqlCount({ first: 10 });
    const large = await sqlCount({ first: 100 });
    expect(large.result.data.appeals.edges).toHaveLength(100);
    expect(large.result.data.appeals.edges.some((e: any) => e.node.assignee)).toBe(true);
    // the caller's account (authenticate.ts: active, token version) + page + count
    // + the reference tables' change counters + one batch for the assignees;
    // the first request also reads organization, municipality, sector, category into the process's cache
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(5);
    expect(cold.count).toBeLessThanOrEqual(9);
  });

  it('walks every appeal exactly once forward, and backward gives the same pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await t.gql(PAGE, { first: 70, after }, token);
      seen.push(...r.data.appeals.edges.map((e: any) => e.node.id));
      if (!r.data.appeals.pageInfo.hasNextPage) break;
      after = r.data.appeals.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);

    const back: any = await t.gql(PAGE, { last: 70 }, token);
    expect(back.data.appeals.edges.map((e: any) => e.node.id)).toEqual(seen.slice(-70));
    const before: any = await t.gql(PAGE, { last: 70, before: back.data.appeals.pageInfo.startCursor }, token);
    expect(before.data.appeals.edges.map((e: any) => e.node.id)).toEqual(seen.slice(-140, -70));
  });

  it('orders by receivedAt descending by default and by the field asked for', async () => {
    const desc: any = await t.gql(PAGE, { first: 50 }, token);
    const times = desc.data.appeals.edges.map((e: any) => Date.parse(e.node.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const byDue: any = await t.gql(PAGE, { first: 400, orderBy: { field: 'DUE_AT', direction: 'ASC' } }, token);
    const dues = byDue.data.appeals.edges.map((e: any) => Date.parse(e.node.dueAt));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  it('filters by status, sector, channel, period and overdue, with totalCount matching SQL', async () => {
    const count = async (where: Sql) => Number((await queryOne<{ c: string }>(t.em(), sql`select count(*) as c from appeal as a where ${where}`))!.c);

    const housing: any = await t.gql(PAGE, { first: 1, filter: { sector: ['housing'], status: ['CLOSED', 'IN_PROGRESS'] } }, token);
    const expectedHousing = await count(
      sql`a.sector_id in (select id from sector where code = ${'housing'}) and a.status in (${join(['CLOSED', 'IN_PROGRESS'])})`,
    );
    expect(expectedHousing).toBeGreaterThan(0);
    expect(housing.data.appeals.totalCount).toBe(expectedHousing);

    const from = '2026-03-01T00:00:00+03:00';
    const to = '2026-04-01T00:00:00+03:00';
    const march: any = await t.gql(PAGE, { first: 1, filter: { channel: ['POS'], receivedFrom: from, receivedTo: to } }, token);
    expect(march.data.appeals.totalCount).toBe(
      await count(sql`a.channel = ${'POS'} and a.received_at >= ${new Date(from)} and a.received_at < ${new Date(to)}`),
    );

    // The clock of the app is the test's: overdue means open and past due at that moment.
    (t.clock as any).set(NOW);
    const overdue: any = await t.gql(PAGE, { first: 100, filter: { overdue: true } }, token);
    const expectedOverdue = await count(
      sql`a.status not in (${join(['CLOSED', 'ANSWERED', 'REJECTED'])}) and a.answered_at is null and a.due_at < ${NOW} and a.paused_at is null`,
    );
    expect(overdue.data.appeals.totalCount).toBe(expectedOverdue);
    for (const edge of overdue.data.appeals.edges) expect(edge.node.deadline.state).toBe('OVERDUE');
  });

  it('rejects a malformed cursor and an oversized page with BAD_USER_INPUT naming the argument', async () => {
    const badCursor = await t.gql(PAGE, { first: 5, after: 'not-a-cursor' }, token);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const both = await t.gql(PAGE, { first: 5, last: 5 }, token);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });

  it('reads one appeal by id with its history', async () => {
    const page: any = await t.gql(PAGE, { first: 1 }, token);
    const id = page.data.appeals.edges[0].node.id;
    const one: any = await t.gql(`{ appeal(id: "${id}") { id number history { type toStatus at } } }`, {}, token);
    expect(one.data.appeal.id).toBe(id);
    expect(one.data.appeal.history[0].type).toBe('REGISTERED');
  });
});

describe('appeals by due date', () => {
  it('orders as coalesce(dueAt, infinity) then id in both directions and across pages (no due date: last ascending, first descending)', async () => {
    // Some appeals without a due date, some sharing one: the nulls and the ties are where a plain `order by due_at` differs.
    const saved = await t.em().getConnection().execute(`select id, due_at from appeal`);
    await t.em().getConnection().execute(`update appeal set due_at = null where id in (select id from appeal order by id limit 30)`);
    await t.em().getConnection().execute(`update appeal set due_at = '2026-06-20T12:00:00Z' where id in (select id from appeal order by id desc limit 20)`);
    try {
      for (const direction of ['ASC', 'DESC'] as const) {
        const expected = (
          await t.em().getConnection().execute(`select id from appeal order by coalesce(due_at, 'infinity') ${direction}, id ${direction}`)
        ).map((r) => r.id as string);
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const r: any = await t.gql(PAGE, { first: 37, after, orderBy: { field: 'DUE_AT', direction } }, token);
          expect(r.errors).toBeUndefined();
          seen.push(...r.data.appeals.edges.map((e: any) => e.node.id));
          if (!r.data.appeals.pageInfo.hasNextPage) break;
          after = r.data.appeals.pageInfo.endCursor;
        }
        expect(seen, direction).toEqual(expected);
        const last: any = await t.gql(PAGE, { last: 37, orderBy: { field: 'DUE_AT', direction } }, token);
        const before: any = await t.gql(PAGE, { last: 37, before: last.data.appeals.pageInfo.startCursor, orderBy: { field: 'DUE_AT', direction } }, token);
        expect(
          before.data.appeals.edges.map((e: any) => e.node.id),
          `${direction} backward`,
        ).toEqual(expected.slice(-74, -37));
      }
    } finally {
      for (const row of saved) await t.em().getConnection().execute(`update appeal set due_at = ? where id = ?`, [row.due_at, row.id]);
    }
  });
});
