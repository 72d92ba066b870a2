import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { hashPassword } from '../../core/auth/password.js';
import { insertInto, query, sql } from '../../core/db/sql.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

describe('HTTP server', () => {
  it('answers /health with 200 when the database answers', async () => {
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves GraphiQL to a browser from local assets only (no CDN)', async () => {
    const response = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/graphiql-assets/')).toBe(true);
      const asset = await fetch(`${t.url}${source}`);
      expect(asset.status, source).toBe(200);
    }
  });

  it('answers a GET query (GraphQL over HTTP) for a signed-in caller', async () => {
    const { token } = await t.user(Role.ANALYST);
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ sectors { code } }')}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.sectors.length).toBeGreaterThan(0);
  });
});

describe('authentication', () => {
  it('refuses anonymous queries with UNAUTHENTICATED', async () => {
    const result = await t.gql('{ appeals(first: 1) { totalCount } }');
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  it('refuses forged, tampered, expired and alg:none tokens', async () => {
    const { token } = await t.user(Role.CURATOR);
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${token.split('.')[2]}`;
    const forged = jwt.sign(claims, 'another-secret-of-enough-length');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    // Expired by the app's clock (a ManualClock fixed at start-up), not by the wall clock.
    const expired = jwt.sign({ ...claims, exp: Math.floor(t.clock.now().getTime() / 1000) - 10 }, TEST_JWT_SECRET);
    for (const bad of [tampered, forged, none, expired, 'garbage']) {
      const result = await t.gql('{ me { id } }', {}, bad);
      expect(result.errors?.[0].extensions?.code, bad).toBe('UNAUTHENTICATED');
    }
  });

  it('logs in with e-mail and password, and says the same for a wrong password and an unknown e-mail', async () => {
    await query(
      t.em(),
      insertInto('app_user', [
        {
          id: sql`gen_random_uuid()`,
          email: 'login.test@demo.local',
          password_hash: await hashPassword('s3cret-pass'),
          full_name: 'Тест входа',
          role: Role.ANALYST,
          sectors: [],
        },
      ]),
    );
    const ok = await t.gql('mutation { login(email: "login.test@demo.local", password: "s3cret-pass") { token user { email role } } }');
    expect(ok.data.login.user).toEqual({ email: 'login.test@demo.local', role: 'ANALYST' });
    const me = await t.gql('{ me { email } }', {}, ok.data.login.token);
    expect(me.data.me.email).toBe('login.test@demo.local');

    const wrong = await t.gql('mutation { login(email: "login.test@demo.local", password: "nope") { token } }');
    const unknown = await t.gql('mutation { login(email: "nobody@demo.local", password: "nope") { token } }');
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
  });
});

describe('errors', () => {
  it('gives every error a code and no stack trace outside development', async () => {
    const { token } = await t.user(Role.ANALYST);
    const invalid = await t.gql('{ appeals(first: 1) { nope } }', {}, token);
    expect(invalid.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badArg = await t.gql('{ appeals(first: 100000) { totalCount } }', {}, token);
    expect(badArg.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const notFound = await t.gql('{ appeal(id: "00000000-0000-0000-0000-000000000000") { id } }', {}, token);
    expect(notFound.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    for (const result of [invalid, badArg, notFound]) expect(JSON.stringify(result)).not.toContain('stacktrace');
  });
});
