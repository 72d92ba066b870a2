import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { hashPassword, passwordVerifications } from '../../core/auth/password.js';
import { loadConfig } from '../../core/config/config.js';
import { startApp, type RunningApp } from '../../core/server/start-app.js';
import { createLogger } from '../../core/logging/logger.js';
import { allPlugins } from '../../plugins/index.js';
import { insertInto, query, sql } from '../../core/db/sql.js';

const LOGIN = 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const ENV = { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_IP: '100', LOGIN_FAILURE_WINDOW_SECONDS: '600', LOGIN_BLOCK_SECONDS: '60' };

async function addUser(t: TestApp, email: string, password: string) {
  await query(
    t.em(),
    insertInto('app_user', [
      {
        id: sql`gen_random_uuid()`,
        email,
        password_hash: await hashPassword(password),
        full_name: email,
        role: Role.ANALYST,
        sectors: [],
      },
    ]),
  );
}

async function login(url: string, email: string, password: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await response.json()) as any;
  const error = body.errors?.[0];
  return { ok: Boolean(body.data?.login?.token), code: error?.extensions?.code as string | undefined, message: error?.message, extensions: error?.extensions };
}

describe('login throttling per e-mail', () => {
  let t: TestApp;
  let second: RunningApp;
  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    // A second API process on the same database: the counters must be shared.
    second = await startApp({
      config: loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: t.databaseUrl, DEMO: '0', JWT_SECRET: 'test-secret-at-least-16-chars', ...ENV }),
      plugins: allPlugins,
      clock: t.clock,
      logger: createLogger('silent'),
    });
    for (const email of ['known@test.local', 'reset@test.local', 'shared@test.local']) await addUser(t, email, 'right-password-1');
  });
  afterAll(async () => {
    await second?.stop();
    await t?.stop();
  });

  it('refuses further attempts after N failures, even with the right password, with retryAfterSeconds', async () => {
    for (let i = 0; i < 3; i++) expect((await login(t.url, 'known@test.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    const blocked = await login(t.url, 'known@test.local', 'right-password-1');
    expect(blocked.ok).toBe(false);
    expect(blocked.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('answers an unknown e-mail exactly as a known one, step by step', async () => {
    await addUser(t, 'exists@test.local', 'right-password-1');
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await login(t.url, 'exists@test.local', 'wrong');
      const b = await login(t.url, 'nobody-here@test.local', 'wrong');
      known.push([a.code, a.message]);
      unknown.push([b.code, b.message]);
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toEqual(['TOO_MANY_REQUESTS', expect.any(String)]);
  });

  it('forgets an e-mail’s failures after a successful login', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) expect((await login(t.url, 'reset@test.local', 'wrong')).code).toBe('UNAUTHENTICATED');
      expect((await login(t.url, 'reset@test.local', 'right-password-1')).ok).toBe(true);
    }
  });

  it('shares the counts between API processes (PostgreSQL store)', async () => {
    expect((await login(t.url, 'shared@test.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await login(second.url, 'shared@test.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await login(t.url, 'shared@test.local', 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await login(second.url, 'shared@test.local', 'right-password-1')).code).toBe('TOO_MANY_REQUESTS');
    expect((await login(t.url, 'shared@test.local', 'right-password-1')).code).toBe('TOO_MANY_REQUESTS');
  });

  it('checks no more passwords than the limit when the attempts come all at once, on two processes', async () => {
    await addUser(t, 'burst@test.local', 'right-password-1');
    const before = passwordVerifications();
    // 31 wrong guesses at once, split between the two API processes (LOGIN_MAX_FAILURES is 3 here).
    const answers = await Promise.all(Array.from({ length: 31 }, (_, i) => login(i % 2 ? second.url : t.url, 'burst@test.local', `guess-${i}`)));
    const checked = passwordVerifications() - before;
    expect(checked).toBeLessThanOrEqual(3);
    const codes = answers.map((a) => a.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(checked);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(31 - checked);
    // And the right password is refused too while the block lasts.
    expect((await login(t.url, 'burst@test.local', 'right-password-1')).code).toBe('TOO_MANY_REQUESTS');
  });

  it('stores e-mails only hashed in the counters', async () => {
    const rows: { key: string }[] = await t.em().getConnection().execute('select key from login_throttle');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).not.toContain('@');
  });
});

describe('login throttling per address, and the end of a block', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...ENV, LOGIN_MAX_FAILURES: '50', LOGIN_MAX_FAILURES_PER_IP: '4', LOGIN_BLOCK_SECONDS: '1' } });
    await addUser(t, 'fresh@test.local', 'right-password-1');
  });
  afterAll(() => t?.stop());

  it('blocks an address that tries many e-mails, then lets it in when the block ends', async () => {
    for (let i = 0; i < 4; i++) expect((await login(t.url, `guess${i}@test.local`, 'wrong')).code).toBe('UNAUTHENTICATED');
    const blocked = await login(t.url, 'fresh@test.local', 'right-password-1');
    expect(blocked.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.extensions.retryAfterSeconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await login(t.url, 'fresh@test.local', 'right-password-1')).ok).toBe(true);
  });
});
