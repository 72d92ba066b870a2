import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { fuzzRequest } from '../support/graphql-fuzz.js';
import { Role } from '../../core/entities/enums.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';

/** Change FUZZ_SEED to explore; a failure prints the seed and the path that reproduce it. */
const SEED = Number(process.env.FUZZ_SEED ?? 20260901);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_LIMIT_MS ?? 120_000);

let t: TestApp;
let schema: GraphQLSchema;
const tokens: (string | undefined)[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  t = await startTestApp();
  await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' });
  await generateBulkAppeals(t.em(), { count: 200, now: t.clock.now(), regionCode: '12', calendar: t.running.app.calendar, seed: 3 });
  for (const role of [Role.ADMIN, Role.CENTER_SPECIALIST, Role.ANALYST, Role.INTEGRATION]) tokens.push((await t.user(role)).token);
  tokens.push((await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' })).token);
  tokens.push((await t.user(Role.MINISTRY_OBSERVER, { sectors: ['housing'] })).token);
  tokens.push(undefined, 'not-a-token');
  const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, tokens[0]);
  schema = buildClientSchema(introspection.data!);
}, 180_000);

afterAll(async () => {
  await t?.stop();
  process.off('unhandledRejection', onRejection);
});

describe('fuzz: generated documents and variables against the schema', () => {
  it('never answers 5xx or an error without a code, nor an internal error, and the server stays healthy', async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    const result = await fc.check(
      fc.asyncProperty(fc.gen(), fc.constantFrom(...tokens), async (g, token) => {
        const request = fuzzRequest(g, schema);
        const response = await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(request),
        });
        sent++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        const where = `${response.status} for ${request.query.slice(0, 400)} ${JSON.stringify(request.variables).slice(0, 400)}\n→ ${text.slice(0, 600)}`;
        if (response.status >= 500) throw new Error(`5xx: ${where}`);
        const body = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
        for (const error of body.errors ?? []) {
          if (typeof error.extensions?.code !== 'string') throw new Error(`error without a code: ${where}`);
          if (error.extensions.code === 'INTERNAL_SERVER_ERROR') throw new Error(`internal error: ${where}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, endOnFailure: true },
    );
    console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    if (result.failed) throw new Error(`${fc.defaultReportMessage(result)}\n${String(result.errorInstance)}`);
    expect(sent).toBeGreaterThanOrEqual(Math.min(RUNS, 500));
    expect(statuses.get(200)).toBeGreaterThan(sent / 10);
    expect(rejections).toEqual([]);
    const health = await fetch(`${t.url}/health`);
    expect(health.status).toBe(200);
    const still = await t.gql('{ sectors { code } }', {}, tokens[0]);
    expect(still.data.sectors.length).toBeGreaterThan(0);
  }, 300_000);
});
