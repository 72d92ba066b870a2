import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { startEmbeddedPostgres } from '../../core/db/embedded-postgres.js';
import { createLogger } from '../../core/logging/logger.js';
import { ok, register } from '../lifecycle/lifecycle-helpers.js';

/**
 * Search in Russian (issue 15 item 1): case folding of Cyrillic, word forms
 * (stemming), typos in street names (trigrams), ranking with stable cursors,
 * bodies by name and short name, an appeal by its number; and the same case
 * folding on the embedded server as on an external one.
 */
let t: TestApp;
let specialist: string;
const ids: Record<string, { id: string; number: string }> = {};

const SEARCH = `query($search: String!, $first: Int, $after: String, $orderBy: AppealOrder) {
  appeals(filter: { search: $search }, first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id number } } pageInfo { hasNextPage endCursor } } }`;
const found = async (search: string) => (await ok(t, SEARCH, { search, first: 50 }, specialist)).edges.map((e: any) => e.node.id as string);

beforeAll(async () => {
  t = await startTestApp();
  const [integration, spec] = await Promise.all([t.user(Role.INTEGRATION), t.user(Role.CENTER_SPECIALIST)]);
  specialist = spec.token;
  const appeals = {
    radiators: { text: 'Холодные батареи в квартире, отопления нет третий день', address: 'Йошкар-Ола, ул. Чехова, д. 7' },
    caps: { text: 'ОТОПЛЕНИЕ ОТКЛЮЧИЛИ ВО ВСЁМ ПОДЪЕЗДЕ', address: 'Йошкар-Ола, ул. Чехова, д. 9' },
    street: { text: 'Яма на дороге у остановки', address: 'Йошкар-Ола, ул. Первомайская, д. 120' },
    other: { text: 'Не вывозят мусор с контейнерной площадки', address: 'Волжск, ул. Ленина, д. 3' },
    heating: { text: 'Отопление! Отопление в доме так и не дали, без отопления мёрзнут дети', address: 'Йошкар-Ола, ул. Чехова, д. 11' },
  };
  for (const [key, input] of Object.entries(appeals)) {
    const { appeal } = await register(t, integration.token, { channel: 'POS', receivedAt: new Date().toISOString(), ...input });
    ids[key] = appeal;
  }
});
afterAll(() => t?.stop());

describe('appeals(filter: { search })', () => {
  it('folds the case of Cyrillic and finds word forms', async () => {
    const lower = await found('отопление');
    expect(lower.sort()).toEqual([ids.radiators!.id, ids.caps!.id, ids.heating!.id].sort());
    expect((await found('Отопление')).sort()).toEqual(lower.sort());
    expect((await found('ОТОПЛЕНИЯ')).sort()).toEqual(lower.sort());
    expect(await found('батареи холодные')).toEqual([ids.radiators!.id]);
    expect(await found('мусора')).toEqual([ids.other!.id]);
  });

  it('finds a street with a typo, and an appeal by its number first', async () => {
    expect(await found('Первомайскя')).toContain(ids.street!.id);
    expect((await found(ids.caps!.number))[0]).toBe(ids.caps!.id);
    const byNumber = await ok(t, `query($n: String!) { appealByNumber(number: $n) { id } }`, { n: ids.street!.number }, specialist);
    expect(byNumber.id).toBe(ids.street!.id);
    const missing = await t.gql(`query { appealByNumber(number: "12-1999-0000000") { id } }`, {}, specialist);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('ranks by relevance and pages through the ranking without loss or repeat', async () => {
    const all = await found('отопление');
    // Three mentions outweigh one.
    expect(all[0]).toBe(ids.heating!.id);
    expect(all).toHaveLength(3);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await ok(t, SEARCH, { search: 'отопление', first: 1, after }, specialist);
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
  });

  it('takes an order given in a variable with its defaulted fields left out', async () => {
    const byNumber = await t.gql(SEARCH, { search: 'Чехова', first: 5, orderBy: { field: 'NUMBER' } }, specialist);
    expect(byNumber.errors).toBeUndefined();
    const numbers = byNumber.data.appeals.edges.map((e: any) => e.node.number);
    expect(numbers).toEqual([...numbers].sort().reverse());
  });

  it('refuses a cursor reused under another order, and RELEVANCE without a search', async () => {
    const page = await ok(t, SEARCH, { search: 'отопление', first: 1 }, specialist);
    const reused = await t.gql(SEARCH, { search: 'отопление', first: 1, after: page.pageInfo.endCursor, orderBy: { field: 'RECEIVED_AT' } }, specialist);
    expect(reused.errors?.[0]?.extensions, JSON.stringify(reused.errors)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const noTerm = await t.gql(`query { appeals(orderBy: { field: RELEVANCE }) { totalCount } }`, {}, specialist);
    expect(noTerm.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy.field' });
  });
});

describe('organizations(filter: { search })', () => {
  const ORGS = `query($s: String!) { organizations(filter: { search: $s }, first: 100) { edges { node { code } } } }`;
  const codes = async (s: string) => (await ok(t, ORGS, { s }, specialist)).edges.map((e: any) => e.node.code as string);

  it('finds bodies by name in any case and form, and by short name', async () => {
    const ministries = await codes('министерство');
    expect(ministries).toEqual(expect.arrayContaining(['min-health', 'min-construction']));
    expect(await codes('МИНИСТЕРСТВО')).toEqual(ministries);
    expect(await codes('министерства здравоохранения')).toContain('min-health');
    expect(await codes('минстрой')).toContain('min-construction');
  });
});

describe('the embedded server', () => {
  it('is created with a locale that folds Cyrillic, as the external one does', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cur-locale-'));
    const server = await startEmbeddedPostgres(dir, createLogger('silent'));
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query(`select lower('ОТОПЛЕНИЕ') as lower, 'Отопление' ilike 'отопл%' as ilike,
        to_tsvector('russian', 'ХОЛОДНЫЕ Батареи')::text as doc`);
      await client.end();
      expect(rows[0]).toEqual({ lower: 'отопление', ilike: true, doc: "'батар':2 'холодн':1" });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
