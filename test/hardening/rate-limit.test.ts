import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_IP_PER_MINUTE: '8' } });
});
afterAll(() => t?.stop());

const ask = (token: string) =>
  fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ sectors { code } }' }),
  });

describe('rate limits', () => {
  it('per caller: past the quota, 429 with Retry-After and TOO_MANY_REQUESTS; another caller is not affected; then per address', async () => {
    const first = await t.user(Role.ANALYST);
    const second = await t.user(Role.ANALYST);
    for (let i = 0; i < 3; i++) expect((await ask(first.token)).status).toBe(200);

    const refused = await ask(first.token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
    expect(body.data).toBeUndefined();

    // A fresh token for the same user does not reset the user's quota.
    const again = t.running.app.tokens.issue({ id: first.id, role: Role.ANALYST, organizationId: null, sectors: [] }, t.clock.now());
    expect((await ask(again)).status).toBe(429);

    // The second caller has its own quota. Six requests so far from this address, of eight.
    expect((await ask(second.token)).status).toBe(200);
    const anonymous = () => fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect((await anonymous()).status).toBe(200);
    expect((await anonymous()).status).toBe(200);
    const byAddress = await anonymous();
    expect(byAddress.status).toBe(429);
    expect(byAddress.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await byAddress.json()) as any).errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
  });
});
