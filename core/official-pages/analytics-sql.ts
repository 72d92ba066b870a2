import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';

/**
 * One analytics statement through pgQuery with JIT off, as
 * core/analytics/measures/analytics-context.ts runs its own: compiling the
 * expressions of a statement over a year of appeals cost more (300 ms and
 * more) than it saved. In a transaction of its own unless one is open.
 */
export async function analyticsSql<T = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  if (em.isInTransaction()) {
    await pgQuery(em, 'set local jit = off', []);
    return pgQuery<T>(em, text, values);
  }
  return em.transactional(async (tx) => {
    await pgQuery(tx as EntityManager, 'set local jit = off', []);
    return pgQuery<T>(tx as EntityManager, text, values);
  });
}
