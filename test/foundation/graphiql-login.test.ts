import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { hashPassword } from '../../core/auth/password.js';

let t: TestApp;
let script: string;

beforeAll(async () => {
  t = await startTestApp();
  const hash = await hashPassword('graphiql-pass-1');
  for (const [email, role] of [
    ['graphiql.analyst@test.local', Role.ANALYST],
    ['graphiql.admin@test.local', Role.ADMIN],
  ] as const) {
    await t
      .em()
      .getConnection()
      .execute(`insert into app_user (id, email, password_hash, full_name, role, sectors) values (gen_random_uuid(), ?, ?, 'Проверка GraphiQL', ?, '{}')`, [
        email,
        hash,
        role,
      ]);
  }
  script = await (await fetch(`${t.url}/graphiql-assets/login.js`)).text();
});
afterAll(() => t?.stop());

/** A tab's sessionStorage: what the browser keeps until the tab is closed. */
function tabStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
  };
}

/** Loads the served login.js as the GraphiQL page does (a page load), with real fetch against the server. */
function loadPage(sessionStorage = tabStorage()) {
  const window: Record<string, any> = { location: { origin: t.url, pathname: '/graphql' }, fetch, sessionStorage };
  runInNewContext(script, { window, JSON, Object, Error });
  return { login: window.curLogin, sessionStorage };
}

/** What GraphiQL's own fetcher does with the options it is given: a POST with those headers. */
const graphiqlFetcher = async (params: { query: string }, options: { headers?: Record<string, string> } = {}) =>
  (
    await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(params) })
  ).json() as Promise<any>;

describe('GraphiQL sign-in bar', () => {
  it('is on the page and served as a script file (the CSP allows no inline script)', async () => {
    const html = await (await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<div id="cur-login"></div>');
    expect(html).toContain('src="/graphiql-assets/login.js"');
    const asset = await fetch(`${t.url}/graphiql-assets/login.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    const start = await (await fetch(`${t.url}/graphiql-assets/start.js`)).text();
    expect(start).toContain('curLogin.withToken(');
  });

  it('signs in, adds the token to what GraphiQL sends, and stores nothing unless asked', async () => {
    const { login, sessionStorage } = loadPage();
    const fetcher = login.withToken(graphiqlFetcher);
    const anonymous = await fetcher({ query: '{ me { email } }' }, {});
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    await expect(login.signIn('graphiql.analyst@test.local', 'wrong', false)).rejects.toThrow('Неверный e-mail или пароль');
    expect(login.state.token).toBeNull();
    expect(await login.signIn('graphiql.analyst@test.local', 'graphiql-pass-1', false)).toEqual({ email: 'graphiql.analyst@test.local', role: 'ANALYST' });
    expect((await fetcher({ query: '{ me { email role } }' }, {})).data.me).toEqual({ email: 'graphiql.analyst@test.local', role: 'ANALYST' });
    expect(sessionStorage.items.size).toBe(0);
    // A page load forgets it.
    expect(loadPage(sessionStorage).login.state.token).toBeNull();
  });

  it("lets the Headers tab's own Authorization win", async () => {
    const { login } = loadPage();
    await login.signIn('graphiql.analyst@test.local', 'graphiql-pass-1', false);
    const admin = await loadPage().login.signIn('graphiql.admin@test.local', 'graphiql-pass-1', false);
    expect(admin.role).toBe('ADMIN');
    const other = loadPage();
    await other.login.signIn('graphiql.admin@test.local', 'graphiql-pass-1', false);
    const adminToken = other.login.state.token;
    const answer = await login.withToken(graphiqlFetcher)({ query: '{ me { role } }' }, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(answer.data.me.role).toBe('ADMIN');
  });

  it('keeps the session in this tab only when asked, and signing out forgets it', async () => {
    const tab = tabStorage();
    const first = loadPage(tab);
    await first.login.signIn('graphiql.analyst@test.local', 'graphiql-pass-1', true);
    expect([...tab.items.keys()]).toEqual(['cur:graphiql:session']);
    const reloaded = loadPage(tab);
    expect(reloaded.login.state).toMatchObject({ email: 'graphiql.analyst@test.local', role: 'ANALYST' });
    expect((await reloaded.login.withToken(graphiqlFetcher)({ query: '{ me { email } }' }, {})).data.me.email).toBe('graphiql.analyst@test.local');
    reloaded.login.signOut();
    expect(tab.items.size).toBe(0);
    expect(loadPage(tab).login.state.token).toBeNull();
  });
});
