import { createHash } from 'node:crypto';
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
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
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
 * else (the same connections and type parsers). `prepared`: a named
 * statement, parsed and planned once per connection.
 */
export async function pgQuery<T = Record<string, unknown>>(em: EntityManager, text: string, values: unknown[], options: { prepared?: boolean } = {}): Promise<T[]> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  const client = ((trx ?? em.getKnex()) as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  try {
    const name = options.prepared ? statementName(text) : undefined;
    return (await connection.query({ text, values, name })).rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}

const names = new Map<string, string>();
/** A statement's name: its text's hash, so that one name never stands for two texts. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cur_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}
