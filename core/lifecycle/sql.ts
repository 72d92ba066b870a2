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

interface PgConnection {
  query(config: { text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/**
 * Runs SQL text with `$n` parameters on a connection of the pool (the
 * EntityManager's transaction's, if it has one) straight through `pg`: for
 * the hot write paths, whose statements are fixed text, without a query
 * builder compiling them again on every call. Rows come typed as everywhere
 * else (the same connections and type parsers).
 */
export async function pgQuery<T = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  const client = ((trx ?? em.getKnex()) as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ text, values })).rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}
