import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import type { ManualClock } from '../../core/clock/clock.js';
import { errorCode, rawToken } from './fixtures.js';
import { insertInto, query, sql } from '../../core/db/sql.js';

const ME = '{ me { id role } }';
const pem = (key: KeyObject) => key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }).toString();

/** A token signed HS256 with `secret`, built by hand (jsonwebtoken refuses some of these). */
function hs256(payload: object, secret: string): string {
  const unsigned = rawToken({ alg: 'HS256', typ: 'JWT' }, payload).slice(0, -1);
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Every way a token can be wrong, for an app whose honest signer is `sign`. */
function attacks(claims: Record<string, unknown>, sign: (payload: object) => string, publicPem: string | null) {
  // "Now" is the app's clock (the token's iat), not the wall clock: the test app's clock stands still.
  const now = claims.iat as number;
  const good = sign(claims);
  const [header, payload, signature] = good.split('.');
  const { sub: _sub, ...noSub } = claims;
  const { exp: _exp, ...noExp } = claims;
  const { jti: _jti, ...noJti } = claims;
  const list: Record<string, string> = {
    'alg none': rawToken({ alg: 'none', typ: 'JWT' }, claims),
    'tampered role': `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url')}.${signature}`,
    'tampered sub': `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url')}.${signature}`,
    'signature cut': `${header}.${payload}.`,
    expired: sign({ ...claims, iat: now - 7200, exp: now - 10 }),
    'wrong issuer': sign({ ...claims, iss: 'someone-else' }),
    'wrong audience': sign({ ...claims, aud: 'another-api' }),
    'no sub': sign(noSub),
    'no exp': sign(noExp),
    'no jti': sign(noJti),
    'other HS256 secret': hs256(claims, 'another-secret-of-enough-length'),
    'RS256 with a foreign key': jwt.sign(claims, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { algorithm: 'RS256' }),
    'ES256 with a foreign key': jwt.sign(claims, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, { algorithm: 'ES256' }),
    garbage: 'not.a.token',
  };
  // The classic confusion: HS256 with the server's public key as the shared secret.
  if (publicPem) list['HS256 signed with the public key'] = hs256(claims, publicPem);
  return { good, list };
}

async function claimsOf(t: TestApp, role: Role) {
  const { token } = await t.user(role);
  return jwt.decode(token) as Record<string, unknown>;
}

async function expectOnlyGoodPasses(t: TestApp, good: string, list: Record<string, string>) {
  const ok = await t.gql(ME, {}, good);
  expect(ok.errors).toBeUndefined();
  expect(ok.data.me.role).toBe('CURATOR');
  for (const [name, token] of Object.entries(list)) {
    const result = await t.gql(ME, {}, token);
    expect(errorCode(result), name).toBe('UNAUTHENTICATED');
    expect(result.data?.me ?? null, name).toBeNull();
  }
}

describe('HS256 (default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  it('accepts its own tokens and refuses every forged, tampered, expired or incomplete one', async () => {
    const claims = await claimsOf(t, Role.CURATOR);
    const { good, list } = attacks(claims, (payload) => hs256(payload, 'test-secret-at-least-16-chars'), null);
    await expectOnlyGoodPasses(t, good, list);
  });

  it('carries sub, jti, iat, exp, iss and aud, and a fresh jti each time', async () => {
    const a = await claimsOf(t, Role.ANALYST);
    const b = await claimsOf(t, Role.ANALYST);
    for (const claim of ['sub', 'jti', 'iat', 'exp', 'iss', 'aud']) expect(a[claim], claim).toBeDefined();
    expect(a.jti).not.toBe(b.jti);
    expect(
      jwt.decode(t.running.app.tokens.issue({ id: randomUUID(), role: Role.ANALYST, organizationId: null, sectors: [] }, new Date()), { complete: true })
        ?.header.alg,
    ).toBe('HS256');
  });

  it('refuses a token that passed before once its expiry comes, and one used before its nbf', async () => {
    const { token } = await t.user(Role.CURATOR);
    const clock = t.clock as ManualClock;
    const started = clock.now();
    const { exp } = jwt.decode(token) as { exp: number };
    try {
      expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
      clock.set(new Date(exp * 1000 - 1000));
      expect((await t.gql(ME, {}, token)).errors).toBeUndefined();
      clock.set(new Date(exp * 1000));
      const expired = await t.gql(ME, {}, token);
      expect(errorCode(expired)).toBe('UNAUTHENTICATED');
      expect(expired.errors?.[0]?.message).toMatch(/истёк/);
    } finally {
      clock.set(started);
    }
    const claims = jwt.decode(token) as Record<string, unknown>;
    const now = Math.floor(started.getTime() / 1000);
    const early = hs256({ ...claims, jti: randomUUID(), nbf: now + 600 }, 'test-secret-at-least-16-chars');
    expect(errorCode(await t.gql(ME, {}, early))).toBe('UNAUTHENTICATED');
    clock.set(new Date((now + 600) * 1000));
    try {
      expect((await t.gql(ME, {}, early)).errors).toBeUndefined();
      clock.set(new Date((now + 599) * 1000));
      expect(errorCode(await t.gql(ME, {}, early))).toBe('UNAUTHENTICATED');
    } finally {
      clock.set(started);
    }
  });

  it('refuses a well-signed token for an account that does not exist', async () => {
    const token = t.running.app.tokens.issue({ id: randomUUID(), role: Role.ADMIN, organizationId: null, sectors: [] }, t.clock.now());
    expect(errorCode(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
  });
});

describe('RS256 with a key pair', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ALGORITHM: 'RS256', JWT_PRIVATE_KEY: pem(privateKey), JWT_PUBLIC_KEY: pem(publicKey) } });
  });
  afterAll(() => t?.stop());

  it('signs with RS256 and refuses alg confusion, none, foreign keys, tampering, expiry, wrong iss/aud, missing claims', async () => {
    const claims = await claimsOf(t, Role.CURATOR);
    const { good, list } = attacks(claims, (payload) => jwt.sign(payload, privateKey, { algorithm: 'RS256' }), pem(publicKey));
    expect(jwt.decode(good, { complete: true })?.header.alg).toBe('RS256');
    await expectOnlyGoodPasses(t, good, list);
    // And the server's own HS256-looking token with the old shared secret is no key here.
    expect(errorCode(await t.gql(ME, {}, hs256(claims, 'test-secret-at-least-16-chars')))).toBe('UNAUTHENTICATED');
  });

  it('logs in and the issued token is RS256', async () => {
    const { hashPassword } = await import('../../core/auth/password.js');
    await query(
      t.em(),
      insertInto('app_user', [
        {
          id: sql`gen_random_uuid()`,
          email: 'rs256@test.local',
          password_hash: await hashPassword('rs256-pass-1'),
          full_name: 'RS256',
          role: Role.ANALYST,
          sectors: [],
        },
      ]),
    );
    const login = await t.gql('mutation { login(email: "rs256@test.local", password: "rs256-pass-1") { token } }');
    const token = login.data.login.token as string;
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('RS256');
    expect(jwt.verify(token, publicKey, { algorithms: ['RS256'] })).toMatchObject({ iss: 'cur-api', aud: 'cur-api' });
    expect((await t.gql(ME, {}, token)).data.me.role).toBe('ANALYST');
  });
});

describe('ES256 with a key file', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let t: TestApp;
  let keyDir: string;
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    keyDir = mkdtempSync(join(tmpdir(), 'cur-jwt-'));
    const file = join(keyDir, 'es256.pem');
    writeFileSync(file, pem(privateKey), { mode: 0o600 });
    try {
      t = await startTestApp({ env: { JWT_ALGORITHM: 'ES256', JWT_PRIVATE_KEY_FILE: file } });
    } finally {
      // The server has read the key: no private key stays behind in /tmp.
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
  afterAll(() => t?.stop());

  it('derives the public key from the private one and refuses every bad token', async () => {
    const claims = await claimsOf(t, Role.CURATOR);
    const { good, list } = attacks(claims, (payload) => jwt.sign(payload, privateKey, { algorithm: 'ES256' }), pem(publicKey));
    expect(jwt.decode(good, { complete: true })?.header.alg).toBe('ES256');
    await expectOnlyGoodPasses(t, good, list);
  });
});
