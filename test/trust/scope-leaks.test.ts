import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { ext, idOf } from '../lifecycle/lifecycle-helpers.js';

/** Issue 14, item 12: small scope leaks (problems, conflicts, energy meter numbers). */
let t: TestApp;
let integration: string;
let center: string;
const NOW = new Date('2026-06-15T09:00:00Z');
const FROM = new Date('2026-06-01T00:00:00Z');
const TO = new Date('2026-06-16T00:00:00Z');

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock(NOW) });
  integration = (await t.user(Role.INTEGRATION)).token;
  center = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

const sql = (query: string, params: unknown[] = []) => t.em().getConnection().execute(query, params);

async function register(input: Record<string, unknown>): Promise<{ id: string; number: string }> {
  const r = await t.gql(
    `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { appeal { id number } } }`,
    {
      input: { channel: 'POS', externalId: ext('leak'), receivedAt: new Date(NOW.getTime() - 86_400_000).toISOString(), ...input },
    },
    integration,
  );
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.registerAppeal.appeal;
}

describe('scope of analytics answers', () => {
  it('lists to an operator only the appeals of its own bodies in Problem.appealIds', async () => {
    const [own, other] = await Promise.all([idOf(t, 'organization', 'adm-yoshkar-ola'), idOf(t, 'organization', 'gzhi')]);
    const location = { latitude: 56.634, longitude: 47.9 };
    const mine = await register({ text: 'Нет отопления', category: 'housing.heating', organizationId: own, location });
    const theirs = await register({
      text: 'Холодные батареи',
      category: 'housing.heating',
      organizationId: other,
      location: { latitude: 56.6341, longitude: 47.9001 },
    });
    const created = await t.gql(
      `mutation($input: CreateProblemInput!) { createProblem(input: $input) { id appealIds } }`,
      {
        input: { category: 'housing.heating', ...location, radiusMeters: 300, from: FROM, to: TO },
      },
      center,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createProblem.appealIds).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    await sql('update problem set responsible_organization_id = ? where id = ?', [own, created.data.createProblem.id]);

    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
    const listed = await t.gql(`{ problems(first: 100) { edges { node { id appealIds appealCount } } } }`, {}, token);
    expect(listed.errors).toBeUndefined();
    const node = listed.data.problems.edges.find((e: any) => e.node.id === created.data.createProblem.id).node;
    expect(node.appealIds).toContain(mine.id);
    expect(node.appealIds).not.toContain(theirs.id);
  });

  it("does not name another body's appeal number in a conflict's reason", async () => {
    const [own, other] = await Promise.all([idOf(t, 'organization', 'adm-yoshkar-ola'), idOf(t, 'organization', 'gzhi')]);
    const original = await register({ text: 'Течёт крыша', category: 'housing.heating', organizationId: other });
    const repeat = await register({ text: 'Снова течёт крыша', category: 'housing.heating', organizationId: own });
    await sql(`update appeal set answered_at = ?, received_at = ? where id = ?`, [
      new Date(NOW.getTime() - 5 * 86_400_000),
      new Date(NOW.getTime() - 10 * 86_400_000),
      original.id,
    ]);
    await sql(`update appeal set is_repeat = true, repeat_of_id = ? where id = ?`, [original.id, repeat.id]);
    const Q = `query($from: DateTime!, $to: DateTime!) { conflicts(from: $from, to: $to, kinds: [REPEATED_AFTER_ANSWER]) { reason appealIds appeals { id } } }`;

    const { token } = await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
    const seen = await t.gql(Q, { from: FROM, to: TO }, token);
    expect(seen.errors).toBeUndefined();
    const conflict = seen.data.conflicts.find((c: any) => c.appealIds.includes(repeat.id));
    expect(conflict).toBeDefined();
    expect(conflict.reason).not.toContain(original.number);
    expect(conflict.appealIds).not.toContain(original.id);
    expect(conflict.appeals).toEqual([{ id: repeat.id }]);

    // The ЦУР sees both bodies: the number is named there.
    const all = await t.gql(Q, { from: FROM, to: TO }, center);
    const full = all.data.conflicts.find((c: any) => c.appealIds.includes(repeat.id));
    expect(full.reason).toContain(original.number);
    expect(full.appealIds[0]).toBe(original.id);
  });
});

describe('energy details', () => {
  it('masks the meter number for roles without access to personal data', async () => {
    const appeal = await register({
      text: 'Нет света в доме',
      category: 'energy.power-outage',
      details: { meterNumber: '011552148', accountNumber: '120045781' },
    });
    const Q = `query($id: ID!) { appeal(id: $id) { energy { meterNumber accountNumber } } }`;
    const { token: analyst } = await t.user(Role.ANALYST);
    const masked = await t.gql(Q, { id: appeal.id }, analyst);
    expect(masked.errors).toBeUndefined();
    expect(masked.data.appeal.energy).toEqual({ meterNumber: null, accountNumber: null });
    const open = await t.gql(Q, { id: appeal.id }, center);
    expect(open.data.appeal.energy).toEqual({ meterNumber: '011552148', accountNumber: '120045781' });
  });
});
