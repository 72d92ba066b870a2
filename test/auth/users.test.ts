import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { errorCode, organizationId } from './fixtures.js';

let t: TestApp;
let admin: { id: string; token: string };
let head: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user(Role.ADMIN);
  head = await t.user(Role.CENTER_HEAD);
});
afterAll(() => t?.stop());

const CREATE = `mutation Create($input: CreateUserInput!) {
  createUser(input: $input) { id email fullName role sectors active organization { code } }
}`;
const UPDATE = 'mutation Update($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id role active sectors organization { code } } }';
const LOGIN = 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token user { id } } }';
const CHANGE = 'mutation Change($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { token } }';
const ME = '{ me { id email role } }';

async function create(input: Record<string, unknown>) {
  return t.gql(CREATE, { input: { fullName: 'Петров Пётр', password: 'long-enough-1', ...input } }, admin.token);
}

async function signIn(email: string, password: string): Promise<string> {
  const result = await t.gql(LOGIN, { email, password });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.login.token;
}

describe('createUser', () => {
  it('creates an account that can sign in, with the e-mail normalised', async () => {
    const created = await create({ email: ' Operator.New@Test.Local ', role: 'ORG_OPERATOR', organizationId: await organizationId(t, 'min-health') });
    expect(created.errors).toBeUndefined();
    expect(created.data.createUser).toMatchObject({
      email: 'operator.new@test.local',
      role: 'ORG_OPERATOR',
      active: true,
      organization: { code: 'min-health' },
    });
    const token = await signIn('operator.new@test.local', 'long-enough-1');
    expect((await t.gql(ME, {}, token)).data.me.email).toBe('operator.new@test.local');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email', role: 'ANALYST' }, 'input.email'],
      [{ email: 'short@test.local', role: 'ANALYST', password: 'short' }, 'input.password'],
      [{ email: 'same@test.local', role: 'ANALYST', password: 'same@test.local' }, 'input.password'],
      [{ email: 'same2@test.local', role: 'ANALYST', password: 'SAME2@TEST.LOCAL' }, 'input.password'],
      // Among the commonest passwords (core/auth/common-passwords.txt), whatever the case.
      [{ email: 'common@test.local', role: 'ANALYST', password: 'password1' }, 'input.password'],
      [{ email: 'common2@test.local', role: 'ANALYST', password: 'Qwertyuiop' }, 'input.password'],
      [{ email: 'common3@test.local', role: 'ANALYST', password: '1qaz2wsx' }, 'input.password'],
      [{ email: 'op@test.local', role: 'ORG_OPERATOR' }, 'input.organizationId'],
      [{ email: 'op2@test.local', role: 'ORG_OPERATOR', organizationId: '00000000-0000-4000-8000-000000000000' }, 'input.organizationId'],
      [{ email: 'lead@test.local', role: 'SECTOR_LEAD' }, 'input.sectors'],
      [{ email: 'lead2@test.local', role: 'MINISTRY_OBSERVER', sectors: ['housing', 'no-such-sector'] }, 'input.sectors'],
      [{ email: '  ', role: 'ANALYST' }, 'input.email'],
      [{ email: 'name@test.local', role: 'ANALYST', fullName: '   ' }, 'input.fullName'],
    ];
    for (const [input, field] of cases) {
      const result = await create(input);
      expect(result.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const [{ count }] = await t
      .em()
      .getConnection()
      .execute(
        "select count(*)::int as count from app_user where email in ('short@test.local','same@test.local','op@test.local','lead@test.local','lead2@test.local','name@test.local')",
      );
    expect(count).toBe(0);
  });

  it('refuses a second account with the same e-mail', async () => {
    expect((await create({ email: 'twice@test.local', role: 'ANALYST' })).errors).toBeUndefined();
    const again = await create({ email: 'TWICE@test.local', role: 'CURATOR' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
  });
});

describe('users', () => {
  it('lists accounts in pages with filters, for the administrator and the head of the ЦУР', async () => {
    for (let i = 0; i < 5; i++) await create({ email: `page${i}@list.test`, role: 'MINISTRY_OBSERVER', sectors: ['waste'] });
    const query =
      'query($after: String) { users(first: 2, after: $after, filter: { search: "@list.test" }) { totalCount pageInfo { hasNextPage endCursor } edges { node { email } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(query, { after }, head.token);
      expect(page.data.users.totalCount).toBe(5);
      seen.push(...page.data.users.edges.map((e: any) => e.node.email));
      if (!page.data.users.pageInfo.hasNextPage) break;
      after = page.data.users.pageInfo.endCursor;
    }
    expect(seen).toEqual(['page0@list.test', 'page1@list.test', 'page2@list.test', 'page3@list.test', 'page4@list.test']);
    const observers = await t.gql(
      '{ users(first: 100, filter: { role: [MINISTRY_OBSERVER], active: true }) { edges { node { role sectors } } } }',
      {},
      admin.token,
    );
    expect(observers.data.users.edges.length).toBeGreaterThanOrEqual(5);
    for (const edge of observers.data.users.edges) expect(edge.node.role).toBe('MINISTRY_OBSERVER');
  });
});

describe('updateUser and deactivateUser', () => {
  it('ends the tokens of a deactivated user at once, and refuses their login', async () => {
    const created = await create({ email: 'leaving@test.local', role: 'ANALYST' });
    const token = await signIn('leaving@test.local', 'long-enough-1');
    expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
    const off = await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: created.data.createUser.id }, admin.token);
    expect(off.data.deactivateUser.active).toBe(false);
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(LOGIN, { email: 'leaving@test.local', password: 'long-enough-1' }))).toBe('UNAUTHENTICATED');
    // Re-activated, old tokens stay dead; a new login works.
    await t.gql(UPDATE, { id: created.data.createUser.id, input: { active: true } }, admin.token);
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, await signIn('leaving@test.local', 'long-enough-1'))).errors).toBeUndefined();
  });

  it('applies a role change at once: old tokens end, the new role is what the guard sees', async () => {
    const created = await create({ email: 'promoted@test.local', role: 'ANALYST' });
    const token = await signIn('promoted@test.local', 'long-enough-1');
    expect(errorCode(await t.gql('{ users(first: 1) { totalCount } }', {}, token))).toBe('FORBIDDEN');
    const changed = await t.gql(UPDATE, { id: created.data.createUser.id, input: { role: 'CENTER_HEAD' } }, admin.token);
    expect(changed.data.updateUser.role).toBe('CENTER_HEAD');
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
    const fresh = await signIn('promoted@test.local', 'long-enough-1');
    expect((await t.gql('{ users(first: 1) { totalCount } }', {}, fresh)).errors).toBeUndefined();
  });

  it('refuses one of the commonest passwords set by an administrator', async () => {
    const created = await create({ email: 'reset.common@test.local', role: 'ANALYST' });
    const bad = await t.gql(UPDATE, { id: created.data.createUser.id, input: { password: 'BASEBALL' } }, admin.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect((await t.gql(ME, {}, await signIn('reset.common@test.local', 'long-enough-1'))).errors).toBeUndefined();
  });

  it('keeps tokens when only the name changes, and checks the resulting shape', async () => {
    const created = await create({ email: 'renamed@test.local', role: 'SECTOR_SPECIALIST', sectors: ['roads'] });
    const token = await signIn('renamed@test.local', 'long-enough-1');
    const renamed = await t.gql(UPDATE, { id: created.data.createUser.id, input: { fullName: 'Новое Имя' } }, admin.token);
    expect(renamed.errors).toBeUndefined();
    expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
    const noSectors = await t.gql(UPDATE, { id: created.data.createUser.id, input: { sectors: [] } }, admin.token);
    expect(noSectors.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sectors' });
    const operator = await t.gql(UPDATE, { id: created.data.createUser.id, input: { role: 'ORG_OPERATOR' } }, admin.token);
    expect(operator.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationId' });
    expect((await t.gql(ME, {}, token)).data.me.role).toBe('SECTOR_SPECIALIST');
  });

  it('does not let an administrator lock themselves out, and answers NOT_FOUND for an unknown id', async () => {
    const self = await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: admin.id }, admin.token);
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const missing = await t.gql('mutation { deactivateUser(id: "00000000-0000-4000-8000-000000000000") { active } }', {}, admin.token);
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });
});

describe('changePassword', () => {
  it('checks the current password and the policy, then replaces every earlier token with a new one', async () => {
    await create({ email: 'changer@test.local', role: 'ANALYST' });
    const first = await signIn('changer@test.local', 'long-enough-1');
    const second = await signIn('changer@test.local', 'long-enough-1');
    const wrong = await t.gql(CHANGE, { current: 'nope-nope-nope', next: 'a-new-password-2' }, first);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    for (const next of ['short', 'changer@test.local', 'changer', 'long-enough-1', 'iloveyou', 'Sunshine', '12345678']) {
      const bad = await t.gql(CHANGE, { current: 'long-enough-1', next }, first);
      expect(bad.errors?.[0].extensions, next).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    }
    expect((await t.gql(ME, {}, first)).errors).toBeUndefined();

    const changed = await t.gql(CHANGE, { current: 'long-enough-1', next: 'a-new-password-2' }, first);
    expect(changed.errors).toBeUndefined();
    for (const old of [first, second]) expect(errorCode(await t.gql(ME, {}, old))).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, changed.data.changePassword.token)).data.me.email).toBe('changer@test.local');
    expect(errorCode(await t.gql(LOGIN, { email: 'changer@test.local', password: 'long-enough-1' }))).toBe('UNAUTHENTICATED');
    await signIn('changer@test.local', 'a-new-password-2');
  });
});
