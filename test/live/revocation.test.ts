import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { liveClient, type LiveClient } from '../support/live-client.js';
import { Role } from '../../core/entities/enums.js';
import type { ManualClock } from '../../core/clock/clock.js';

/**
 * An open subscription does not outlive its credentials: every
 * WS_REAUTH_SECONDS the socket's credentials are checked again and a socket
 * whose account was deactivated, whose token expired or whose API key was
 * revoked is closed with 4403, while the others keep streaming.
 */
let t: TestApp;
let admin: { id: string; token: string };
const clients: LiveClient[] = [];
const QUERY = 'subscription { appealEvents { id } }';

beforeAll(async () => {
  t = await startTestApp({ env: { WS_REAUTH_SECONDS: '1' } });
  admin = await t.user(Role.ADMIN);
});
afterAll(async () => {
  for (const client of clients) await client.dispose().catch(() => undefined);
  await t?.stop();
});

function open(token: string | null, params?: Record<string, unknown>): LiveClient {
  const client = liveClient(t.url, token, params);
  clients.push(client);
  client.subscribe(QUERY);
  return client;
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);

describe('open subscriptions and revoked credentials', () => {
  it('closes the socket of a user deactivated after subscribing, and only that one', async () => {
    const leaving = await t.user(Role.CENTER_SPECIALIST);
    const staying = await t.user(Role.CENTER_SPECIALIST);
    const gone = open(leaving.token);
    const kept = open(staying.token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const off = await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: leaving.id }, admin.token);
    expect(off.data.deactivateUser.active).toBe(false);
    expect((await within(gone.closed, 5_000)) as { code: number }).toMatchObject({ code: 4403 });
    expect(await within(kept.closed, 1_500)).toBe('still open');
  });

  it('closes the socket of a revoked API key', async () => {
    const created = await t.gql('mutation { createApiKey(name: "Подписка канала") { secret apiKey { id } } }', {}, admin.token);
    const keyed = open(null, { 'x-api-key': created.data.createApiKey.secret });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const revoked = await t.gql('mutation($id: ID!) { revokeApiKey(id: $id) { active } }', { id: created.data.createApiKey.apiKey.id }, admin.token);
    expect(revoked.errors).toBeUndefined();
    expect((await within(keyed.closed, 5_000)) as { code: number }).toMatchObject({ code: 4403 });
  });

  it('closes the socket once its token has expired', async () => {
    const user = await t.user(Role.MINISTRY_OBSERVER, { organizationCode: 'min-health' });
    const expiring = open(user.token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await within(expiring.closed, 1_500)).toBe('still open');
    (t.clock as ManualClock).advance(9 * 3600 * 1000);
    expect((await within(expiring.closed, 5_000)) as { code: number }).toMatchObject({ code: 4403 });
  });
});
