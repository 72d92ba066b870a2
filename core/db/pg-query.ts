import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from '@mikro-orm/postgresql';
import { trackStatement } from './statement-scope.js';
import { transactionConnection, type PgConnection } from './knex-seam.js';
import { sqlPool } from './sql-pool.js';

/**
 * Runs SQL text with `$n` parameters straight through `pg`: on the
 * connection of the EntityManager's transaction if it has one (so the
 * statement sees the transaction's rows and commits or rolls back with it),
 * else on the SQL helper's own pool (sql-pool.ts). The hot paths (every
 * request's account and reference counters, pages of appeals, registrations)
 * run here, without MikroORM's execution layer. Rows come typed as
 * everywhere else (the ORM's type parsers), and the statement is logged as
 * MikroORM logs its own (the tests that count statements see it).
 *
 * `prepared`: a named statement, parsed and planned once per connection; only
 * for fixed texts (each name stays prepared on every connection that ran it).
 * Write new code with `query` (core/db/sql.ts), which calls this.
 */
export async function pgQuery<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: unknown[],
  options: { prepared?: boolean } = {},
): Promise<T[]> {
  const started = Date.now();
  const checkout = (await transactionConnection(em)) ?? (await poolConnection(em));
  let failure: unknown;
  try {
    const name = options.prepared ? statementName(text) : undefined;
    const { connection } = checkout;
    const { rows } = await trackStatement(connection, () => connection.query({ text, values, name }));
    em.config.getLogger().logQuery({ query: text, took: Date.now() - started, results: rows.length, level: 'info' });
    return rows as T[];
  } catch (error) {
    em.config.getLogger().logQuery({ query: text, took: Date.now() - started, level: 'error' });
    failure = error;
    throw error;
  } finally {
    await checkout.release(failure);
  }
}

/** A connection of the helper's pool; one that failed other than by a statement's error (no SQLSTATE: a lost socket) is discarded. */
async function poolConnection(em: EntityManager): Promise<{ connection: PgConnection; release(failure?: unknown): Promise<void> }> {
  const client = await sqlPool(em).connect();
  return {
    connection: client as unknown as PgConnection,
    release: async (failure?: unknown) => client.release(failure !== undefined && !(failure as { code?: string }).code ? (failure as Error) : undefined),
  };
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
