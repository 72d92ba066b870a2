import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { ManualClock } from '../../core/clock/clock.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';
import { idOf } from '../lifecycle/lifecycle-helpers.js';

const NOW = new Date('2026-06-15T12:00:00+03:00');
const clock = new ManualClock(NOW);
let t: TestApp;
let token: string;
let specialist: string;

beforeAll(async () => {
  t = await startTestApp({ clock });
  for (const organizationCode of ['min-construction', 'min-health', 'adm-yoshkar-ola', 'adm-volzhsk', 'min-transport']) {
    await t.user(Role.ORG_OPERATOR, { organizationCode });
  }
  await generateBulkAppeals(t.em(), { count: 300, now: NOW, regionCode: '12', calendar: t.running.app.calendar, seed: 11 });
  ({ token } = await t.user(Role.CURATOR));
  ({ token: specialist } = await t.user(Role.CENTER_SPECIALIST));
});
afterAll(() => t?.stop());

const LIST = `query($filter: AppealFilter, $first: Int, $after: String, $orderBy: AppealOrder) {
  appeals(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount pageInfo { endCursor } edges { node { id dueAt receivedAt deadline { state } } }
  }
}`;

/** Moves the request clock; tokens are issued by the same clock, so a fresh one is taken at the new moment. */
async function setClock(to: Date) {
  clock.set(to);
  ({ token } = await t.user(Role.CURATOR));
}

async function list(filter: Record<string, unknown> | null, first = 500) {
  const r = await t.gql(LIST, { filter, first }, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.appeals as { totalCount: number; edges: { node: { id: string; dueAt: string | null; receivedAt: string; deadline: { state: string } } }[] };
}
const ids = (page: Awaited<ReturnType<typeof list>>) => page.edges.map((e) => e.node.id).sort();

describe('appeals(filter: { deadlineState })', () => {
  it('finds exactly the appeals whose computed deadline.state is one of those asked, at the request clock moment', async () => {
    await setClock(NOW);
    const all = await list(null);
    expect(all.totalCount).toBe(300);
    const states = ['ON_TIME', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED'];
    for (const state of states) {
      const expected = all.edges
        .filter((e) => e.node.deadline.state === state)
        .map((e) => e.node.id)
        .sort();
      const found = await list({ deadlineState: [state] });
      expect(ids(found), state).toEqual(expected);
      expect(found.totalCount, state).toBe(expected.length);
    }
    // Every state occurs in the demo data, so each comparison above is not vacuous.
    for (const state of states)
      expect(
        all.edges.some((e) => e.node.deadline.state === state),
        state,
      ).toBe(true);
    const both = await list({ deadlineState: ['AT_RISK', 'OVERDUE'] });
    expect(both.totalCount).toBe(all.edges.filter((e) => ['AT_RISK', 'OVERDUE'].includes(e.node.deadline.state)).length);
  });

  it('moves an appeal from AT_RISK to OVERDUE one millisecond after its due instant, not at it', async () => {
    await setClock(NOW);
    const open = (await list({ deadlineState: ['ON_TIME', 'AT_RISK'] })).edges.find((e) => e.node.dueAt)!.node;
    const due = new Date(open.dueAt!);
    await setClock(due);
    expect(ids(await list({ deadlineState: ['OVERDUE'] }))).not.toContain(open.id);
    expect(ids(await list({ deadlineState: ['AT_RISK'] }))).toContain(open.id);
    await setClock(new Date(due.getTime() + 1));
    expect(ids(await list({ deadlineState: ['OVERDUE'] }))).toContain(open.id);
    expect(ids(await list({ deadlineState: ['AT_RISK'] }))).not.toContain(open.id);
  });

  it('turns ON_TIME into AT_RISK just after the configured share of the allowed time is left', async () => {
    await setClock(NOW);
    const share = t.running.app.config.deadlinePolicy.atRiskShare;
    const candidates = (await list({ deadlineState: ['ON_TIME'] })).edges.filter((e) => e.node.dueAt).map((e) => e.node);
    const rows = await t
      .em()
      .execute(`select id, deadline_starts_at, paused_ms from appeal where id = any(?::uuid[]) and paused_at is null and deadline_starts_at is not null`, [
        `{${candidates.map((c) => c.id).join(',')}}`,
      ]);
    // A boundary on a whole millisecond keeps the test exact in both JavaScript and SQL.
    const picked = rows
      .map((row: any) => {
        const due = new Date(candidates.find((c) => c.id === row.id)!.dueAt!).getTime();
        const total = due - new Date(row.deadline_starts_at).getTime() - Number(row.paused_ms);
        return { id: row.id as string, boundary: due - share * total };
      })
      .find((c: { id: string; boundary: number }) => Number.isInteger(c.boundary) && c.boundary > NOW.getTime()) as
      { id: string; boundary: number } | undefined;
    if (!picked) throw new Error('no open appeal with a whole-millisecond AT_RISK boundary');
    const open = { id: picked.id };
    const boundary = picked.boundary;
    await setClock(new Date(boundary));
    expect(ids(await list({ deadlineState: ['ON_TIME'] }))).toContain(open.id);
    await setClock(new Date(boundary + 1));
    expect(ids(await list({ deadlineState: ['AT_RISK'] }))).toContain(open.id);
    expect(ids(await list({ deadlineState: ['ON_TIME'] }))).not.toContain(open.id);
    await setClock(NOW);
  });
});

describe('appeals(filter: { due })', () => {
  it('includes the start of the range and excludes its end', async () => {
    await setClock(NOW);
    const withDue = (await list(null)).edges.find((e) => e.node.dueAt)!.node;
    const due = withDue.dueAt!;
    expect(ids(await list({ due: { from: due } }))).toContain(withDue.id);
    expect(ids(await list({ due: { to: due } }))).not.toContain(withDue.id);
    expect(ids(await list({ due: { from: new Date(new Date(due).getTime() + 1).toISOString() } }))).not.toContain(withDue.id);
    const window = await list({ due: { from: due, to: new Date(new Date(due).getTime() + 1).toISOString() } });
    expect(window.edges.every((e) => e.node.dueAt === due)).toBe(true);
    expect(ids(window)).toContain(withDue.id);
    // Appeals without a due date never match a due range.
    expect((await list({ due: { from: '2000-01-01T00:00:00Z' } })).edges.every((e) => e.node.dueAt !== null)).toBe(true);
  });
});

describe('AppealFilter from/to (API.md) beside the deprecated receivedFrom/receivedTo', () => {
  it('gives the same appeals by either name, and refuses the two names disagreeing', async () => {
    const from = '2026-03-01T00:00:00+03:00';
    const to = '2026-04-01T00:00:00+03:00';
    const byNew = await list({ from, to });
    const byOld = await list({ receivedFrom: from, receivedTo: to });
    expect(byNew.totalCount).toBeGreaterThan(0);
    expect(ids(byNew)).toEqual(ids(byOld));
    expect(byNew.edges.every((e) => e.node.receivedAt >= new Date(from).toISOString() && e.node.receivedAt < new Date(to).toISOString())).toBe(true);
    expect(ids(await list({ from, receivedFrom: from, to }))).toEqual(ids(byNew));
    const conflict = await t.gql(LIST, { filter: { from, receivedFrom: to } }, token);
    expect(conflict.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.receivedFrom' });
  });
});

describe('a cursor reused under another orderBy', () => {
  it('is BAD_USER_INPUT on after', async () => {
    const page = await t.gql(LIST, { first: 5, orderBy: { field: 'RECEIVED_AT' } }, token);
    const after = page.data.appeals.pageInfo.endCursor;
    const reused = await t.gql(LIST, { first: 5, after, orderBy: { field: 'DUE_AT' } }, token);
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const flipped = await t.gql(LIST, { first: 5, after, orderBy: { field: 'RECEIVED_AT', direction: 'ASC' } }, token);
    expect(flipped.errors, 'the same field in the other direction keeps the keyset').toBeUndefined();
  });
});

describe('redirectAppeal(organizationId) beside the deprecated toOrganizationId', () => {
  const REDIRECT = (arg: string) =>
    `mutation($id: ID!, ${arg.includes('$org') ? '$org: ID, ' : ''}${arg.includes('$old') ? '$old: ID, ' : ''}$v: Int!) { redirectAppeal(id: $id, ${arg}, reason: "Не по компетенции", expectedVersion: $v) { status version organization { id } } }`;
  /** An appeal a specialist may redirect, not yet at the target body (each call a different one). */
  async function assigned(target: string) {
    const [row] = await t
      .em()
      .execute(
        `select id, version, organization_id from appeal where status in ('ASSIGNED', 'IN_PROGRESS', 'REOPENED') and organization_id is distinct from ? order by id limit 1 offset ?`,
        [target, assignedTaken++],
      );
    return row as { id: string; version: number; organization_id: string };
  }
  let assignedTaken = 0;

  it('redirects by organizationId, and by the old toOrganizationId', async () => {
    const target = await idOf(t, 'organization', 'adm-volzhsk');
    for (const arg of ['organizationId: $org', 'toOrganizationId: $old']) {
      const appeal = await assigned(target);
      const r = await t.gql(REDIRECT(arg), { id: appeal.id, [arg.includes('$org') ? 'org' : 'old']: target, v: appeal.version }, specialist);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(r.data.redirectAppeal).toMatchObject({ status: 'REDIRECTED', organization: { id: target } });
    }
  });

  it('refuses neither, and the two disagreeing, without changing the appeal', async () => {
    const [a, b] = [await idOf(t, 'organization', 'adm-volzhsk'), await idOf(t, 'organization', 'min-health')];
    const appeal = await assigned(a);
    const neither = await t.gql(REDIRECT('organizationId: $org'), { id: appeal.id, org: null, v: appeal.version }, specialist);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    const both = await t.gql(REDIRECT('organizationId: $org, toOrganizationId: $old'), { id: appeal.id, org: a, old: b, v: appeal.version }, specialist);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toOrganizationId' });
    const [after] = await t.em().execute(`select version, organization_id from appeal where id = ?`, [appeal.id]);
    expect(after).toMatchObject({ version: appeal.version, organization_id: appeal.organization_id });
  });
});
