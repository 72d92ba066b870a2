import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { authenticateApiKey } from '../../core/auth/api-key.service.js';
import { errorCode, organizationId } from './fixtures.js';
import type { ManualClock } from '../../core/clock/clock.js';

let t: TestApp;
let admin: { id: string; token: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user(Role.ADMIN);
});
afterAll(() => t?.stop());

const CREATE = `mutation($name: String!, $org: ID) {
  createApiKey(name: $name, organizationId: $org) { secret apiKey { id name prefix active lastUsedAt organization { code } serviceUser { role } } }
}`;
const ME = '{ me { id fullName role } }';

async function call(query: string, headers: Record<string, string>) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as any;
}

async function newKey(name: string, orgCode?: string) {
  const result = await t.gql(CREATE, { name, org: orgCode ? await organizationId(t, orgCode) : null }, admin.token);
  expect(result.errors).toBeUndefined();
  return result.data.createApiKey as { secret: string; apiKey: { id: string; prefix: string; [k: string]: unknown } };
}

describe('API keys', () => {
  it('shows the secret once, stores only its SHA-256, and authenticates as INTEGRATION by either header', async () => {
    const created = await newKey('Система ПОС', 'cur');
    expect(created.secret).toMatch(/^cur_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({
      name: 'Система ПОС',
      active: true,
      lastUsedAt: null,
      organization: { code: 'cur' },
      serviceUser: { role: 'INTEGRATION' },
    });
    expect(created.secret.startsWith(`cur_${created.apiKey.prefix}_`)).toBe(true);

    const [row] = await t.em().getConnection().execute('select * from api_key where id = ?', [created.apiKey.id]);
    // The random part is all after `cur_<prefix>_` (it may itself hold `_`).
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(`cur_${created.apiKey.prefix}_`.length));
    expect(row.secret_hash).toBe(createHash('sha256').update(created.secret).digest('hex'));
    const listed = await t.gql('{ apiKeys { id prefix } }', {}, admin.token);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    for (const headers of [{ authorization: `ApiKey ${created.secret}` }, { 'x-api-key': created.secret }] as Record<string, string>[]) {
      const me = await call(ME, headers);
      expect(me.errors, JSON.stringify(headers)).toBeUndefined();
      expect(me.data.me).toMatchObject({ fullName: 'Система ПОС', role: 'INTEGRATION' });
    }
  });

  it('gives a key only what INTEGRATION may do', async () => {
    const { secret } = await newKey('Муниципальная система');
    expect((await call('{ sectors { code } }', { 'x-api-key': secret })).errors).toBeUndefined();
    expect((await call('{ appeals(first: 1) { totalCount } }', { 'x-api-key': secret })).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await call('{ apiKeys { id } }', { 'x-api-key': secret })).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a revoked, unknown, altered or malformed key with UNAUTHENTICATED', async () => {
    const { secret, apiKey } = await newKey('Старый канал');
    expect((await call(ME, { 'x-api-key': secret })).errors).toBeUndefined();
    const revoked = await t.gql('mutation($id: ID!) { revokeApiKey(id: $id) { active revokedAt } }', { id: apiKey.id }, admin.token);
    expect(revoked.data.revokeApiKey.active).toBe(false);
    const altered = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const bad of [secret, altered, 'cur_000000000000_' + 'A'.repeat(43), 'nonsense']) {
      expect((await call(ME, { 'x-api-key': bad })).errors[0].extensions.code, bad).toBe('UNAUTHENTICATED');
      expect((await call(ME, { authorization: `ApiKey ${bad}` })).errors[0].extensions.code, bad).toBe('UNAUTHENTICATED');
    }
    const active = await t.gql('{ apiKeys { id } }', {}, admin.token);
    expect(active.data.apiKeys.map((k: any) => k.id)).not.toContain(apiKey.id);
    const all = await t.gql('{ apiKeys(includeRevoked: true) { id active } }', {}, admin.token);
    expect(all.data.apiKeys).toContainEqual({ id: apiKey.id, active: false });
  });

  it('refuses a request that sends both a token and a key', async () => {
    const { secret } = await newKey('Двойной');
    expect((await call(ME, { authorization: `Bearer ${admin.token}`, 'x-api-key': secret })).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('records the last use, at most once a minute', async () => {
    const clock = t.clock as ManualClock;
    const { secret, apiKey } = await newKey('Счётчик');
    const lastUsed = async () => {
      const [row] = await t.em().getConnection().execute('select last_used_at from api_key where id = ?', [apiKey.id]);
      return row.last_used_at ? new Date(row.last_used_at) : null;
    };
    const start = clock.now();
    await call(ME, { 'x-api-key': secret });
    expect((await lastUsed())?.getTime()).toBe(start.getTime());
    clock.advance(30_000);
    await call(ME, { 'x-api-key': secret });
    expect((await lastUsed())?.getTime()).toBe(start.getTime());
    clock.advance(31_000);
    await call(ME, { 'x-api-key': secret });
    expect((await lastUsed())?.getTime()).toBe(start.getTime() + 61_000);
  });

  it('exports authenticateApiKey for other entry points (Open311, webhooks)', async () => {
    const { secret, apiKey } = await newKey('Open311', 'adm-volzhsk');
    const user = await authenticateApiKey(t.em(), secret, t.clock);
    expect(user).toMatchObject({ role: Role.INTEGRATION, organizationId: await organizationId(t, 'adm-volzhsk'), apiKeyId: apiKey.id });
    const altered = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(await authenticateApiKey(t.em(), altered, t.clock)).toBeNull();
  });

  it('authenticates channel REST endpoints too (Open311: X-Api-Key or the api_key parameter)', async () => {
    const { secret, apiKey } = await newKey('Городское приложение');
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}/open311/v2/${path}`, { headers });
    // GeoReport v2: the public list needs no key; a key that does not verify is refused.
    expect((await get('requests.json')).status).toBe(200);
    expect((await get('requests.json', { 'x-api-key': `${secret}x` })).status).toBe(401);
    expect((await get('requests.json', { 'x-api-key': secret })).status).toBe(200);
    expect((await get(`requests.json?api_key=${encodeURIComponent(secret)}`)).status).toBe(200);
    await t.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, admin.token);
    expect((await get(`requests.json?api_key=${encodeURIComponent(secret)}`)).status).toBe(401);
  });

  it('validates input and answers NOT_FOUND for an unknown key', async () => {
    const blank = await t.gql(CREATE, { name: '  ' }, admin.token);
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const org = await t.gql(CREATE, { name: 'x', org: '00000000-0000-4000-8000-000000000000' }, admin.token);
    expect(org.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    expect(errorCode(await t.gql('mutation { revokeApiKey(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, admin.token))).toBe('NOT_FOUND');
  });
});
