import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { allPlugins } from '../../plugins/index.js';
import { capturingLogger, probePlugin } from '../support/probe-plugin.js';
import { Role } from '../../core/entities/enums.js';

/** Issue 14, item 11: every unexpected error is logged with a request id and coded; a client's mistake is never a 5xx. */
let t: TestApp;
let token: string;
const log = capturingLogger();

beforeAll(async () => {
  t = await startTestApp({ plugins: [...allPlugins, probePlugin], logger: log.logger });
  token = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
}

const forge = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

describe('errors', () => {
  it('answers a forged cursor with BAD_USER_INPUT on `after`, not 500', async () => {
    for (const after of [
      forge(['not a date', 'not a uuid']),
      forge([{ x: 1 }, '00000000-0000-0000-0000-000000000000']),
      forge(['2026-01-01T00:00:00Z', 'x']),
    ]) {
      const r = await post({ query: 'query($after: String) { appeals(first: 5, after: $after) { totalCount } }', variables: { after } });
      expect(r.status, after).toBeLessThan(500);
      expect(r.body.errors?.[0].extensions, after).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const orgs = await post({
      query: 'query($after: String) { organizations(first: 5, after: $after) { totalCount } }',
      variables: { after: forge([12, 'x']) },
    });
    expect(orgs.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers an unknown operationName with 400 and a code', async () => {
    const r = await post({ query: 'query A { __typename } query B { __typename }', operationName: 'C' });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0].extensions?.code).toEqual(expect.any(String));
    const single = await post({ query: '{ __typename }', operationName: 'Nope' });
    expect(single.status).toBe(400);
    expect(single.body.errors?.[0].extensions?.code).toEqual(expect.any(String));
  });

  it('logs an unexpected error with the request id, and answers INTERNAL_SERVER_ERROR with that id and no internals', async () => {
    const r = await post({ query: '{ probeFailure }' }, { 'x-request-id': 'req-trust-11' });
    expect(r.requestId).toBe('req-trust-11');
    expect(r.body.errors?.[0]).toMatchObject({
      message: 'Внутренняя ошибка сервера',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-trust-11' },
    });
    expect(JSON.stringify(r.body)).not.toContain('secret');
    const logged = log.lines.find((line) => line.level >= 50 && line.requestId === 'req-trust-11');
    expect(logged, JSON.stringify(log.lines.filter((l) => l.level >= 50))).toBeDefined();
    expect(JSON.stringify(logged)).toContain('probe failure');
    // Without the header an id is generated, answered in the header and in the error.
    const generated = await post({ query: '{ probeFailure }' });
    expect(generated.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.errors?.[0].extensions?.requestId).toBe(generated.requestId);
  });

  it('codes every error graphql-jit raises while executing', async () => {
    // A list of a non-null type receiving null, a variable of the wrong type (coercion by the executor).
    const wrong = await post({ query: 'query($first: Int) { appeals(first: $first) { totalCount } }', variables: { first: 'ten' } });
    expect(wrong.status).toBeLessThan(500);
    expect(wrong.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await post({ query: 'query($id: ID!) { appeal(id: $id) { id } }', variables: { id: { nested: true } } });
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
