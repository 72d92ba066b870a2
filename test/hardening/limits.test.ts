import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { liveClient } from '../support/live-client.js';

const statements: string[] = [];
let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp({
    onQuery: (sql) => statements.push(sql),
    env: {
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_COST: '3000',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_TOKENS: '400',
      MAX_PAGE_SIZE: '50',
      HTTP_BODY_LIMIT_MB: '1',
    },
  });
  ({ token } = await t.user(Role.CURATOR));
});
afterAll(() => t?.stop());

/** Sends a document and says what came back and how many SQL statements it cost. */
async function send(query: string, variables?: Record<string, unknown>) {
  statements.length = 0;
  const result = await t.gql(query, variables, token);
  return { result, sql: statements.length, codes: result.errors?.map((e) => e.extensions?.code) ?? [] };
}

const deep = (levels: number) => `{ organizations(first: 1) { edges { node { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } } }`;

describe('limits on a document, refused before any SQL runs', () => {
  it('depth', async () => {
    const ok = await send(deep(1));
    expect(ok.result.errors).toBeUndefined();
    const refused = await send(deep(6));
    expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.result.errors?.[0].extensions?.limit).toBe('depth');
    expect(refused.sql).toBe(0);
  });

  it('cost (armor counts first/last as multipliers: lists of lists are what it stops)', async () => {
    const page = (alias: string, n: number) =>
      `${alias}: appeals(first: ${n}) { edges { node { id number status organization { id shortName } sector { code } } } }`;
    expect((await send(`{ ${page('a', 50)} }`)).result.errors).toBeUndefined();
    const refused = await send(`{ ${page('a', 50)} ${page('b', 50)} }`);
    expect(refused.codes).toContain('QUERY_TOO_COMPLEX');
    expect(refused.result.errors?.map((e) => e.extensions?.limit)).toContain('cost');
    expect(refused.sql).toBe(0);
  });

  it('aliases', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: sectors { code }`).join(' ')} }`;
    expect((await send(aliases(3))).result.errors).toBeUndefined();
    const refused = await send(aliases(4));
    expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.sql).toBe(0);
  });

  it('directives', async () => {
    const refused = await send('{ sectors @include(if: true) @skip(if: false) @include(if: true) @skip(if: false) { code } }');
    expect(refused.codes).toContain('QUERY_TOO_COMPLEX');
    expect(refused.sql).toBe(0);
  });

  it('tokens', async () => {
    const refused = await send(`{ sectors { ${'code '.repeat(500)} } }`);
    expect(refused.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refused.result.errors?.[0].extensions?.limit).toBe('tokens');
    expect(refused.sql).toBe(0);
  });

  it('page size: first over MAX_PAGE_SIZE is BAD_USER_INPUT on `first`, the maximum itself is fine', async () => {
    const refused = await send('query($n: Int) { appeals(first: $n) { totalCount } }', { n: 51 });
    expect(refused.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', max: 50 });
    const organizations = await send('{ organizations(first: 51) { totalCount } }');
    expect(organizations.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    // Written in the document and far over the limit, it is still BAD_USER_INPUT (not a cost refusal), and alone.
    const huge = await send('{ appeals(last: 100000) { totalCount } }');
    expect(huge.result.errors).toHaveLength(1);
    expect(huge.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last', max: 50 });
    expect(huge.sql).toBe(0);
    const ok = await send('{ organizations(first: 50) { edges { node { id } } } }');
    expect(ok.result.errors).toBeUndefined();
    expect(ok.result.data.organizations.edges.length).toBeGreaterThan(0);
  });
});

describe('requests HTTP refuses before GraphQL', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${t.url}/graphql`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` }, body });

  it('a body over HTTP_BODY_LIMIT_MB: 413 with a GraphQL-shaped JSON error, not an HTML page', async () => {
    const response = await post(JSON.stringify({ query: '{ sectors { code } }', variables: { pad: 'я'.repeat(700_000) } }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a body that is not JSON: 400 with a code', async () => {
    const response = await post('{"query": "{ sectors { code } }"');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('CSRF: a GET or a "simple" POST without a preflight header is refused; with one, a GET query runs', async () => {
    const query = encodeURIComponent('{ sectors { code } }');
    const get = await fetch(`${t.url}/graphql?query=${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF|preflight/i);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const simple = await post(JSON.stringify({ query: '{ sectors { code } }' }), { 'content-type': type });
      expect(simple.status, type).toBeGreaterThanOrEqual(400);
      expect(simple.status, type).toBeLessThan(500);
    }
    const preflighted = await fetch(`${t.url}/graphql?query=${query}`, { headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': '1' } });
    expect(preflighted.status).toBe(200);
  });

  it('a mutation over GET is refused (queries only)', async () => {
    const query = encodeURIComponent('mutation { login(email: "a@b.c", password: "x") { token } }');
    const response = await fetch(`${t.url}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(response.status).toBe(405);
  });

  it('a POST with no content type is a 4xx, not a 500', async () => {
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', body: new Uint8Array(Buffer.from('{ sectors { code } }')) });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('introspection and GraphiQL', () => {
  it('are on by default, and field suggestions with them', async () => {
    const schema = await send('{ __schema { queryType { name } } }');
    expect(schema.result.data.__schema.queryType.name).toBe('Query');
    const typo = await send('{ sectorz { code } }');
    expect(typo.result.errors?.[0].message).toMatch(/Did you mean/);
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('GraphiQL');
  });

  it('switch off by configuration; with introspection off, errors suggest no field names', async () => {
    const closed = await startTestApp({ env: { INTROSPECTION: '0', GRAPHIQL: '0' } });
    try {
      const { token: analyst } = await closed.user(Role.ANALYST);
      const schema = await closed.gql('{ __schema { queryType { name } } }', {}, analyst);
      expect(schema.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await closed.gql('{ sectorz { code } }', {}, analyst);
      expect(typo.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(typo.errors?.[0].message).not.toMatch(/Did you mean|sectors/);
      const page = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('GraphiQL');
      const asset = await fetch(`${closed.url}/graphiql-assets/graphiql.js`);
      expect(asset.status).toBe(404);
    } finally {
      await closed.stop();
    }
  });
});

describe('IDs that are not UUIDs', () => {
  it('are BAD_USER_INPUT naming the argument (also inside input objects), not an internal error', async () => {
    const one = await send('{ appeal(id: "N%") { id } }');
    expect(one.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    // The one statement is the guard's read of the caller's account (issue #5); no appeal query runs.
    expect(one.sql).toBe(1);
    const nested = await send('query($f: AppealFilter) { appeals(first: 1, filter: $f) { totalCount } }', { f: { organizationId: ["1' or '1'='1"] } });
    expect(nested.result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.organizationId' });
    const anonymous = await t.gql('{ appeal(id: "N%") { id } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the same limits on subscriptions (graphql-ws)', () => {
  const subscriptionDeep = (levels: number) =>
    `subscription { appealEvents { id appeal { organization { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } } }`;

  async function firstError(query: string) {
    const live = liveClient(t.url, token);
    try {
      const stream = live.subscribe(query);
      await stream.ended;
      return stream.results[0]?.errors ?? [];
    } finally {
      await live.dispose();
    }
  }

  it('refuses a document over the depth or token limit with QUERY_TOO_COMPLEX, before any SQL', async () => {
    statements.length = 0;
    const depth = await firstError(subscriptionDeep(6));
    expect(depth.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect((depth[0].extensions as any)?.limit).toBe('depth');
    const tokens = await firstError(`subscription { appealEvents { ${'id '.repeat(500)} } }`);
    expect(tokens.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    // Only the connections' authentication read the database.
    expect(statements.filter((sql) => !/app_user/.test(sql))).toEqual([]);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED on the operation, keeping the socket open', async () => {
    const live = liveClient(t.url, token);
    try {
      const broken = live.subscribe('subscription { appealEvents { id ');
      await broken.ended;
      expect(broken.results[0]?.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
      expect(live.socket().readyState).toBe(live.socket().OPEN);
    } finally {
      await live.dispose();
    }
  });

  it('closes a socket that sends a message over HTTP_BODY_LIMIT_MB (1009), and the server stays up', async () => {
    const live = liveClient(t.url, token);
    live.subscribe('subscription($pad: String) { appealEvents { id } }', { pad: 'я'.repeat(700_000) });
    expect((await live.closed).code).toBe(1009);
    await live.dispose();
    expect((await t.gql('{ sectors { code } }', {}, token)).errors).toBeUndefined();
  });
});
