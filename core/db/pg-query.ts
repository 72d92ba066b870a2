import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { trackStatement } from './statement-scope.js';

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
 * the hot paths (every request's account and reference counters, pages of
 * appeals, registrations), without MikroORM's and knex's execution layers,
 * which cost a page request more than a tenth of its CPU. Rows come typed as
 * everywhere else (the same connections and type parsers), and the statement
 * is logged as MikroORM logs its own (the tests that count statements see it).
 *
 * `prepared`: a named statement, parsed and planned once per connection; only
 * for fixed texts (each name stays prepared on every connection that ran it).
 */
export async function pgQuery<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: unknown[],
  options: { prepared?: boolean } = {},
): Promise<T[]> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  const client = ((trx ?? em.getKnex()) as unknown as { client: KnexClient }).client;
  const started = Date.now();
  const connection = await client.acquireConnection();
  try {
    const name = options.prepared ? statementName(text) : undefined;
    const { rows } = await trackStatement(connection as { processID?: number }, () => connection.query({ text, values, name }));
    em.config.getLogger().logQuery({ query: text, took: Date.now() - started, results: rows.length, level: 'info' });
    return rows as T[];
  } catch (error) {
    em.config.getLogger().logQuery({ query: text, took: Date.now() - started, level: 'error' });
    throw error;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** A knex query run through `pgQuery` (bound as `$n` parameters), unnamed: for texts built per call. */
export function pgQueryOf<T = Record<string, unknown>>(em: EntityManager, query: Knex.QueryBuilder | Knex.Raw): Promise<T[]> {
  const native = query.toSQL().toNative();
  return pgQuery<T>(em, native.sql, native.bindings as unknown[]);
}

const names = new LRUCache<string, string>({ max: 1000 });
/** A statement's name: its text's hash, so that one name never stands for two texts. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `cur_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}
