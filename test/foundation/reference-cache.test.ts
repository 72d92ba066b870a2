import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { generateBulkAppeals } from '../../test/support/bulk-appeals.js';

/**
 * The reference cache (core/reference/reference-cache.ts): bodies,
 * municipalities, sectors and categories are kept by each process between
 * requests and checked against reference_version once per request.
 */
let a: TestApp;
let b: TestApp;
let token: string;
let tokenB: string;
const statements: string[] = [];

const PAGE = `{ appeals(first: 30) { edges { node { id
  organization { id shortName } municipality { id name } sector { code name } category { code name } } } } }`;

beforeAll(async () => {
  a = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  // A second process on the same database, with a cache of its own.
  b = await startTestApp({ databaseUrl: a.databaseUrl });
  await generateBulkAppeals(a.em(), { count: 60, now: new Date('2026-05-20T10:00:00Z'), regionCode: '12', calendar: a.running.app.calendar, seed: 5 });
  ({ token } = await a.user(Role.CURATOR));
  ({ token: tokenB } = await b.user(Role.CURATOR));
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

async function page(app: TestApp, bearer: string) {
  const result = await app.gql(PAGE, {}, bearer);
  expect(result.errors).toBeUndefined();
  return result.data.appeals.edges.map((e: any) => e.node) as any[];
}

const readsOf = (table: string) => statements.filter((sql) => new RegExp(`from "?${table}"?\\b`, 'i').test(sql));

describe('reference cache', () => {
  it('reads the reference tables once, then only their change counters', async () => {
    await page(a, token);
    statements.length = 0;
    const nodes = await page(a, token);
    expect(nodes.every((n) => n.organization?.shortName && n.municipality?.name && n.sector?.name)).toBe(true);
    expect(readsOf('organization')).toHaveLength(0);
    expect(readsOf('municipality')).toHaveLength(0);
    expect(readsOf('reference_version')).toHaveLength(1);
  });

  it("reads the counters with the caller's account: a page is two statements", async () => {
    await page(a, token);
    statements.length = 0;
    await page(a, token);
    const account = statements.filter((sql) => /from app_user\b/i.test(sql));
    expect(account).toHaveLength(1);
    expect(account[0]).toMatch(/from reference_version\b/i);
    expect(readsOf('reference_version')).toHaveLength(1);
    expect(statements).toHaveLength(2);
  });

  it('shows a change committed by another process at the next request', async () => {
    const before = await page(a, token);
    const organizationId = before[0].organization.id;
    const municipalityId = before[0].municipality.id;
    // Another process (b) changes the body's name and the municipality's name in its own transaction.
    await b.em().getConnection().execute(`update organization set short_name = 'Переименован' where id = '${organizationId}'`);
    await b.em().getConnection().execute(`update municipality set name = 'Новое имя' where id = '${municipalityId}'`);
    const after = await page(a, token);
    expect(after.filter((n) => n.organization.id === organizationId).every((n) => n.organization.shortName === 'Переименован')).toBe(true);
    expect(after.filter((n) => n.municipality.id === municipalityId).every((n) => n.municipality.name === 'Новое имя')).toBe(true);
    expect((await page(b, tokenB)).find((n) => n.organization.id === organizationId).organization.shortName).toBe('Переименован');
  });

  it('finds a row added elsewhere, and reads again only the table that changed', async () => {
    const connection = b.em().getConnection();
    const [first] = await page(a, token);
    const [{ sector_id: sectorId }] = await connection.execute(`select sector_id from appeal where id = '${first.id}'`);
    await connection.execute(`insert into category (id, sector_id, code, name, keywords)
      values ('00000000-0000-4000-8000-0000000000c1', '${sectorId}', 'cache-test', 'Проверка кэша', '{}')`);
    await connection.execute(`update appeal set category_id = '00000000-0000-4000-8000-0000000000c1' where id = '${first.id}'`);
    statements.length = 0;
    const [again] = await page(a, token);
    expect(again.id).toBe(first.id);
    expect(again.category).toEqual({ code: 'cache-test', name: 'Проверка кэша' });
    expect(readsOf('reference_version')).toHaveLength(1);
    expect(readsOf('category').length).toBeGreaterThan(0);
    expect(readsOf('organization')).toHaveLength(0);
  });

  it('hands out frozen rows: a resolver cannot change what other requests see', async () => {
    const { ReferenceCache, readReferenceVersions } = await import('../../core/reference/cache/reference-cache.js');
    const { Organization } = await import('../../core/entities/index.js');
    const em = a.running.app.orm.em.fork() as any;
    const [row] = await em.getConnection().execute('select id from organization limit 1');
    const [organization] = await ReferenceCache.of(em).load(em, Organization, [row.id], await readReferenceVersions(em));
    expect(Object.isFrozen(organization)).toBe(true);
    expect(() => {
      (organization as any).shortName = 'x';
    }).toThrow(TypeError);
  });

  it("drops the lifecycle's reference directory once a request of the process has seen the counters move", async () => {
    const { cachedReferenceDirectory } = await import('../../core/lifecycle/reference-directory.js');
    const em = a.running.app.orm.em.fork() as any;
    await page(a, token);
    const first = await cachedReferenceDirectory(em);
    expect(await cachedReferenceDirectory(em)).toBe(first);
    const [organization] = await b.em().getConnection().execute('select id from organization order by code limit 1');
    await b.em().getConnection().execute(`update organization set name = 'Новое название органа' where id = '${organization.id}'`);
    // Until a request of this process reads the counters, the copy stands (at most 30 s).
    expect(await cachedReferenceDirectory(em)).toBe(first);
    await page(a, token);
    const second = await cachedReferenceDirectory(em);
    expect(second).not.toBe(first);
    expect(second.orgById.get(organization.id)?.name).toBe('Новое название органа');
  });
});
