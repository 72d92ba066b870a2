import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';

let t: TestApp;
let admin: { id: string; token: string };
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user(Role.ADMIN);
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await t?.stop();
});

function connect(connectionParams: Record<string, string>) {
  const closed: { code?: number } = {};
  const client = createClient({
    url: t.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => void (closed.code = (event as { code: number }).code) },
  });
  clients.push(client);
  return { client, closed };
}

function run(client: Client, query: string): Promise<{ data?: any; errors?: any[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: any; errors?: any[] } = {};
    client.subscribe(
      { query },
      {
        next: (value) => void (result = value as typeof result),
        error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
        complete: () => resolve(result),
      },
    );
  });
}

describe('WebSocket credentials', () => {
  it('accepts a bearer token and an API key in connectionParams', async () => {
    const bearer = connect({ authorization: `Bearer ${admin.token}` });
    expect((await run(bearer.client, '{ me { role } }')).data.me.role).toBe('ADMIN');

    const created = await t.gql('mutation { createApiKey(name: "WS-канал") { secret } }', {}, admin.token);
    const keyed = connect({ 'x-api-key': created.data.createApiKey.secret });
    expect((await run(keyed.client, '{ me { role } }')).data.me.role).toBe('INTEGRATION');
  });

  it('closes a connection with bad credentials (4403)', async () => {
    const bad = connect({ authorization: 'Bearer not.a.token' });
    await expect(run(bad.client, '{ me { role } }')).rejects.toBeDefined();
    expect(bad.closed.code).toBe(4403);
  });

  it('re-checks the account for each operation: a deactivated user starts nothing new', async () => {
    const user = await t.user(Role.ANALYST);
    const { client } = connect({ authorization: `Bearer ${user.token}` });
    expect((await run(client, '{ me { id } }')).data.me.id).toBe(user.id);
    await t.gql('mutation($id: ID!) { deactivateUser(id: $id) { active } }', { id: user.id }, admin.token);
    const after = await run(client, '{ me { id } }');
    expect(after.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
