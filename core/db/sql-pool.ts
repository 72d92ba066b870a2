import pg from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ormConnectionSettings } from './knex-seam.js';

/** The helper's connections in pg_stat_activity. */
export const SQL_POOL_APPLICATION_NAME = 'cur-api-sql';

/** One pool per ORM instance (its Configuration: forks of its EntityManager share it). */
const pools = new WeakMap<object, pg.Pool>();

/**
 * The SQL helper's own `pg` pool for the database of `em`'s ORM (the
 * primary's, or the read replica's: each ORM has its own), opened on first
 * use with the ORM's connection settings and pool size. Closed with the ORM
 * by `closeOrm`. Statements inside an EntityManager transaction do not use it
 * (they run on the transaction's connection: pg-query.ts).
 */
export function sqlPool(em: EntityManager): pg.Pool {
  let pool = pools.get(em.config);
  if (!pool) {
    const { max } = em.config.get('pool') as { max?: number };
    pool = new pg.Pool({
      ...ormConnectionSettings(em),
      application_name: SQL_POOL_APPLICATION_NAME,
      max: max ?? 10,
      // An idle pool does not hold the process open (the ORM's does not either: its connections are closed with it).
      allowExitOnIdle: true,
    });
    // An idle connection the server ended (a restart, a terminated backend) must not crash the process: the next checkout opens another.
    pool.on('error', () => undefined);
    pools.set(em.config, pool);
  }
  return pool;
}

/** The pool of `orm`, if it was opened (tests look at its size). */
export function openedSqlPool(orm: MikroORM): pg.Pool | undefined {
  return pools.get(orm.config);
}

/** Closes the SQL helper's pool of `orm`, then the ORM itself: every `orm.close` goes through here. */
export async function closeOrm(orm: MikroORM): Promise<void> {
  const pool = pools.get(orm.config);
  pools.delete(orm.config);
  try {
    await pool?.end();
  } finally {
    await orm.close(true);
  }
}
