import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';
import { and, identifier, join, query, queryOne, sql } from './sql.js';

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
});
