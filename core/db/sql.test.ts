import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { and, identifier, join, query, queryOne, sql } from './sql.js';
import { openedSqlPool, SQL_POOL_APPLICATION_NAME } from './sql-pool.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

describe('the SQL helper', () => {
  it('binds values as parameters, never as text', async () => {
    const hostile = "x'); drop table appeal; --";
    const statement = sql`select ${hostile}::text as value`;
    expect(statement.text).toBe('select $1::text as value');
    expect(await queryOne<{ value: string }>(t.em(), statement)).toEqual({ value: hostile });
  });

  it('nests fragments, joins conditions and binds a JS array as one PostgreSQL array', async () => {
    const codes = ['a', 'b', 'c'];
    const where = and([sql`v = any(${codes}::text[])`, sql`v <> ${'b'}`]);
    const rows = await query<{ v: string }>(t.em(), sql`select v from unnest(${['a', 'b', 'd']}::text[]) as v where ${where} order by v`);
    expect(rows.map((row) => row.v)).toEqual(['a']);
    expect(and([]).text).toBe('true');
    expect(join([sql`1`, sql`${2}`], ', ').text).toBe('1, $1');
  });

  it('quotes identifiers', () => {
    expect(sql`select * from ${identifier('appeal"; drop')}`.text).toBe('select * from "appeal""; drop"');
  });

  it("runs inside an EntityManager transaction on that transaction's connection", async () => {
    const em = t.em().fork();
    await em.transactional(async (trx) => {
      await query(trx, sql`create temporary table sql_helper_probe (v int) on commit drop`);
      await query(trx, sql`insert into sql_helper_probe values (${7})`);
      expect(await queryOne(trx, sql`select v from sql_helper_probe`)).toEqual({ v: 7 });
    });
  });

  it("sees the transaction's uncommitted row and is rolled back with it", async () => {
    const probes = sql`select code from sector where code like 'sql-probe-%' order by code`;
    const failed = new Error('roll back');
    await expect(
      t.em().transactional(async (trx) => {
        const context = trx.getTransactionContext();
        await trx
          .getConnection()
          .execute(`insert into sector (id, code, name, name_en) values (gen_random_uuid(), 'sql-probe-a', 'a', 'a')`, [], 'run', context);
        await query(trx, sql`insert into sector (id, code, name, name_en) values (gen_random_uuid(), ${'sql-probe-b'}, 'b', 'b')`);
        expect(await query(trx, probes)).toEqual([{ code: 'sql-probe-a' }, { code: 'sql-probe-b' }]);
        const [ormPid] = await trx.getConnection().execute<{ pid: number }[]>('select pg_backend_pid() as pid', [], 'all', context);
        expect(await queryOne(trx, sql`select pg_backend_pid() as pid`)).toEqual(ormPid);
        // Not committed: the helper's pool (another connection) does not see either row.
        expect(await query(t.em(), probes)).toEqual([]);
        throw failed;
      }),
    ).rejects.toBe(failed);
    expect(await query(t.em(), probes)).toEqual([]);
  });

  it("outside a transaction, runs on the helper's own pool, not the ORM's", async () => {
    const em = t.em() as EntityManager;
    const row = await queryOne<{ name: string; pid: number }>(em, sql`select current_setting('application_name') as name, pg_backend_pid() as pid`);
    expect(row?.name).toBe(SQL_POOL_APPLICATION_NAME);
    const [orm] = await em.getConnection().execute<{ name: string }[]>(`select current_setting('application_name') as name`);
    expect(orm.name).not.toBe(SQL_POOL_APPLICATION_NAME);
    const pool = openedSqlPool(t.running.app.orm);
    expect(pool?.totalCount).toBeGreaterThan(0);
    expect(pool?.options.max).toBe((t.running.app.orm.config.get('pool') as { max: number }).max);
    // The ORM's settings carry over: the session limits of the pool (statement_timeout) are the ORM's.
    const [ormTimeout] = await em.getConnection().execute<{ t: string }[]>(`select current_setting('statement_timeout') as t`);
    expect(await queryOne(em, sql`select current_setting('statement_timeout') as t`)).toEqual(ormTimeout);
  });
});
