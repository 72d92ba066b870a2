import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { allPlugins } from '../../plugins/index.js';
import { probePlugin } from '../support/probe-plugin.js';
import { Role } from '../../core/entities/enums.js';

/** Issue 14, item 4: one request cannot stall the service. */
let t: TestApp;
let slow: TestApp;
let token: string;
let slowToken: string;

beforeAll(async () => {
  // A short statement timeout here; the other app lets a statement run long enough to be abandoned.
  [t, slow] = await Promise.all([
    startTestApp({ plugins: [...allPlugins, probePlugin], env: { DB_STATEMENT_TIMEOUT_MS: '1000' } }),
    startTestApp({ plugins: [...allPlugins, probePlugin], env: { DB_STATEMENT_TIMEOUT_MS: '120000' } }),
  ]);
  token = (await t.user(Role.CENTER_SPECIALIST)).token;
  slowToken = (await slow.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => Promise.all([t?.stop(), slow?.stop()]));

const until = async (check: () => Promise<boolean>, bound = 10_000) => {
  const deadline = Date.now() + bound;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
};

describe('length limits on free text', () => {
  it('refuses a 1 MB search before PostgreSQL, naming the field', async () => {
    const search = 'отопление '.repeat(100_000);
    const viaVariable = await t.gql('query($f: AppealFilter) { appeals(filter: $f) { totalCount } }', { f: { search } }, token);
    expect(viaVariable.data).toBeUndefined();
    expect(viaVariable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search', max: 200 });
    const literal = await t.gql(`{ appeals(filter: { search: "${'я'.repeat(5000)}" }) { totalCount } }`, {}, token);
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const byDefault = await t.gql(`query($s: String = "${'я'.repeat(5000)}") { appeals(filter: { search: $s }) { totalCount } }`, {}, token);
    expect(byDefault.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    // A search of ordinary length still runs.
    const fine = await t.gql('query($f: AppealFilter) { appeals(filter: $f) { totalCount } }', { f: { search: 'отопление' } }, token);
    expect(fine.errors).toBeUndefined();
  });

  it('bounds every kind of free text, in nested inputs and lists too', async () => {
    const long = await t.gql(
      'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created } }',
      {
        input: { channel: 'POS', text: 'т'.repeat(20_001), receivedAt: new Date().toISOString() },
      },
      token,
    );
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text', max: 20_000 });
    const name = await t.gql(
      'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created } }',
      {
        input: { channel: 'POS', text: 'Текст', receivedAt: new Date().toISOString(), author: { name: 'И'.repeat(1001) } },
      },
      token,
    );
    expect(name.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.author.name', max: 1000 });
    const [appeals] = await t
      .em()
      .getConnection()
      .execute('select count(*)::int as n from appeal where text = ?', ['т'.repeat(20_001)]);
    expect(appeals.n).toBe(0);
  });
});

describe('statement timeout', () => {
  it('stops a statement over DB_STATEMENT_TIMEOUT_MS and answers a coded error without SQL', async () => {
    const r = await t.gql('{ probeSleep(seconds: 5) }', {}, token);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'statementTimeout' });
    expect(JSON.stringify(r.errors)).not.toMatch(/pg_sleep|select|canceling/i);
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
  });
});

describe('abandoned requests', () => {
  const sleeping = async (app: TestApp) => {
    const rows = await app
      .em()
      .getConnection()
      .execute(
        `select pid from pg_stat_activity where datname = current_database() and state = 'active' and query like '%pg_sleep%' and pid <> pg_backend_pid()`,
      );
    return rows.length;
  };

  it('cancels the running statement of a request whose client has gone', async () => {
    const controller = new AbortController();
    const request = fetch(`${slow.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${slowToken}` },
      body: JSON.stringify({ query: '{ probeSleep(seconds: 60) }' }),
      signal: controller.signal,
    }).catch((error: Error) => error);
    expect(await until(async () => (await sleeping(slow)) === 1)).toBe(true);
    controller.abort();
    expect(await request).toBeInstanceOf(Error);
    // Without the cancel, pg_sleep(60) would still be running a minute from now.
    expect(await until(async () => (await sleeping(slow)) === 0)).toBe(true);
    const health = await fetch(`${slow.url}/health`);
    expect(health.status).toBe(200);
  });
});
