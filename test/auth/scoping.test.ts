import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';
import { appealScope } from '../../core/auth/appeal-scope.js';
import { query, sql } from '../../core/db/sql.js';
import { canSeeAppeal, subordinateOrganizationIds } from '../../core/auth/appeal-visibility.js';
import { createRequestContext } from '../../core/auth/request-context.js';
import type { AuthUser } from '../../core/auth/auth-user.js';
import { errorCode, insertAppeal, organizationId } from './fixtures.js';

let t: TestApp;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const NOW = new Date('2026-06-15T12:00:00+03:00');

beforeAll(async () => {
  t = await startTestApp();
  // Operators exist for the generator to assign appeals to.
  for (const code of ['min-health', 'min-transport', 'adm-yoshkar-ola']) await t.user(Role.ORG_OPERATOR, { organizationCode: code });
  await generateBulkAppeals(t.em(), { count: 150, now: NOW, regionCode: '12', calendar: t.running.app.calendar, seed: 11 });
  ids.health = await insertAppeal(t, { organizationCode: 'min-health', sectorCode: 'health' });
  ids.hospital = await insertAppeal(t, { organizationCode: 'gbu-republican-hospital', sectorCode: 'health' });
  ids.transport = await insertAppeal(t, { organizationCode: 'min-transport', sectorCode: 'transport' });
  ids.housing = await insertAppeal(t, { organizationCode: 'adm-yoshkar-ola', sectorCode: 'housing' });
  ids.repeat = await insertAppeal(t, { organizationCode: 'min-health', sectorCode: 'health', repeatOfId: ids.transport });
  ids.unrouted = await insertAppeal(t, {});
  tokens.healthOperator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'min-health' })).token;
  tokens.hospitalOperator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'gbu-republican-hospital' })).token;
  tokens.healthObserver = (await t.user(Role.MINISTRY_OBSERVER, { organizationCode: 'min-health', sectors: ['health'] })).token;
  tokens.housingLead = (await t.user(Role.SECTOR_LEAD, { organizationCode: 'min-construction', sectors: ['housing'] })).token;
  tokens.curator = (await t.user(Role.CURATOR)).token;
});
afterAll(() => t?.stop());

const ONE = 'query($id: ID!) { appeal(id: $id) { id repeatOf { id } } }';
const LIST = 'query($filter: AppealFilter) { appeals(first: 500, filter: $filter) { totalCount edges { node { id organization { id } sector { code } } } } }';

async function visibleIds(token: string, filter?: object): Promise<{ ids: string[]; total: number }> {
  const result = await t.gql(LIST, { filter }, token);
  expect(result.errors).toBeUndefined();
  return { ids: result.data.appeals.edges.map((e: any) => e.node.id), total: result.data.appeals.totalCount };
}

describe('an operator of a body', () => {
  it('reads its own and its subordinate bodies’ appeals by id, and gets NOT_FOUND for another body’s', async () => {
    for (const id of [ids.health, ids.hospital]) expect((await t.gql(ONE, { id }, tokens.healthOperator)).data.appeal.id).toBe(id);
    for (const id of [ids.transport, ids.housing, ids.unrouted]) {
      const result = await t.gql(ONE, { id }, tokens.healthOperator);
      expect(errorCode(result), id).toBe('NOT_FOUND');
      expect(result.data?.appeal ?? null).toBeNull();
    }
    // A subordinate body does not see its parent's appeals.
    expect(errorCode(await t.gql(ONE, { id: ids.health }, tokens.hospitalOperator))).toBe('NOT_FOUND');
    expect((await t.gql(ONE, { id: ids.hospital }, tokens.hospitalOperator)).data.appeal.id).toBe(ids.hospital);
  });

  it('lists and counts only its body and the bodies below it, whatever the filter asks', async () => {
    const subtree = await subordinateOrganizationIds(t.em(), await organizationId(t, 'min-health'));
    expect(subtree.size).toBeGreaterThan(1);
    const { ids: seen, total } = await visibleIds(tokens.healthOperator);
    expect(seen).toEqual(expect.arrayContaining([ids.health, ids.hospital, ids.repeat]));
    expect(seen).not.toContain(ids.transport);
    expect(seen).not.toContain(ids.housing);
    const [{ count }] = await t
      .em()
      .getConnection()
      .execute('select count(*)::int as count from appeal where organization_id = any(?::uuid[])', [`{${[...subtree].join(',')}}`]);
    expect(total).toBe(count);
    expect(seen).toHaveLength(count);

    const foreign = await visibleIds(tokens.healthOperator, { organizationId: [await organizationId(t, 'min-transport')] });
    expect(foreign).toEqual({ ids: [], total: 0 });
  });

  it('does not reach another body’s appeal through repeatOf', async () => {
    expect((await t.gql(ONE, { id: ids.repeat }, tokens.healthOperator)).data.appeal.repeatOf).toBeNull();
    expect((await t.gql(ONE, { id: ids.repeat }, tokens.curator)).data.appeal.repeatOf).toEqual({ id: ids.transport });
  });

  it('answers BAD_USER_INPUT naming the argument, not a database error, for a malformed id', async () => {
    const result = await t.gql(ONE, { id: 'not-a-uuid' }, tokens.curator);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.field).toBe('id');
  });
});

describe('sector roles', () => {
  it('see only the appeals of their sectors', async () => {
    const observer = await visibleIds(tokens.healthObserver);
    expect(observer.ids).toEqual(expect.arrayContaining([ids.health, ids.hospital]));
    const lead = await visibleIds(tokens.housingLead);
    expect(lead.ids).toContain(ids.housing);
    for (const [token, sector] of [
      [tokens.healthObserver, 'health'],
      [tokens.housingLead, 'housing'],
    ] as const) {
      const result = await t.gql(LIST, {}, token);
      for (const edge of result.data.appeals.edges) expect(edge.node.sector?.code).toBe(sector);
    }
    expect(errorCode(await t.gql(ONE, { id: ids.transport }, tokens.healthObserver))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(ONE, { id: ids.unrouted }, tokens.housingLead))).toBe('NOT_FOUND');
  });
});

describe('canSeeAppeal (for subscriptions) and appealScope (SQL)', () => {
  it('agree on every appeal for every kind of caller', async () => {
    const org = (code: string) => organizationId(t, code);
    const callers: AuthUser[] = [
      ...Object.values(Role).map((role) => ({ id: `u-${role}`, role, organizationId: null, sectors: [] as string[] })),
      { id: 'op1', role: Role.ORG_OPERATOR, organizationId: await org('min-health'), sectors: [] },
      { id: 'op2', role: Role.ORG_OPERATOR, organizationId: await org('adm-yoshkar-ola'), sectors: [] },
      { id: 'op3', role: Role.ORG_OPERATOR, organizationId: await org('gbu-republican-hospital'), sectors: [] },
      { id: 's1', role: Role.SECTOR_SPECIALIST, organizationId: null, sectors: ['housing', 'waste'] },
      { id: 's2', role: Role.MINISTRY_OBSERVER, organizationId: null, sectors: ['health'] },
      { id: 's3', role: Role.SECTOR_LEAD, organizationId: null, sectors: ['roads'] },
    ];
    const em = t.em();
    const all = await query<{ id: string; organization_id: string | null; sector_code: string | null }>(
      em,
      sql`select a.id, a.organization_id, s.code as sector_code from appeal as a left join sector as s on s.id = a.sector_id`,
    );
    expect(all.length).toBeGreaterThan(150);
    let visibleSomewhere = 0;
    for (const user of callers) {
      const rows = await query<{ id: string }>(em, sql`select a.id from appeal as a where ${appealScope(user)}`);
      const bySql = new Set(rows.map((row) => row.id));
      const ctx = createRequestContext(t.running.app, user);
      for (const appeal of all) {
        const seen = await canSeeAppeal(ctx, { sectorCode: appeal.sector_code, organizationId: appeal.organization_id });
        expect(seen, `${user.role} ${user.organizationId ?? user.sectors.join(',')} ${appeal.id}`).toBe(bySql.has(appeal.id));
      }
      if (bySql.size > 0 && bySql.size < all.length) visibleSomewhere++;
    }
    // The comparison means something only if scopes actually differ.
    expect(visibleSomewhere).toBeGreaterThanOrEqual(6);
  });
});
