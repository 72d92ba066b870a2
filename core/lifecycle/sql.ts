import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs a knex query in the EntityManager's transaction, if it has one, with
 * bound parameters. The bulk paths use it instead of `em.execute`, which
 * inlines every parameter into the SQL text first: with tens of thousands of
 * values per statement that formatting dominated an import.
 */
export function runQuery<T = Record<string, unknown>[]>(em: EntityManager, query: Knex.QueryBuilder | Knex.Raw): Promise<T> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  return (trx ? query.transacting(trx) : query) as unknown as Promise<T>;
}
