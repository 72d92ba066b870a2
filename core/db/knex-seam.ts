import type pg from 'pg';
import type { EntityManager, Knex, MikroORM, PostgreSqlConnection } from '@mikro-orm/postgresql';
import { trackStatement } from './statement-scope.js';

/**
 * THE ONE FILE THAT TOUCHES MikroORM's AND knex's INTERNALS (docs/sql.md).
 *
 * The SQL helper (core/db/sql.ts) runs on a `pg` pool of its own, but three
 * things can only be learnt from the ORM's driver, which is knex under
 * MikroORM 6 (MikroORM 7 replaces it with kysely: this file, and only this
 * file, changes then):
 *
 * - the connection of the EntityManager's open transaction, so that a
 *   statement of the helper inside `em.transactional` sees the transaction's
 *   rows and is committed or rolled back with it;
 * - the connection settings the ORM's pool uses (URL, session limits, type
 *   parsers), so that the helper's pool connects the same way;
 * - the hook through which every statement MikroORM runs is tracked for the
 *   cancel of an abandoned request (statement-scope.ts).
 *
 * ESLint allows `getKnex` and knex's types here only.
 */

/** A connection as the helper uses it: node-postgres' Client. */
export interface PgConnection {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
  processID?: number | null;
}

interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

/**
 * The connection of `em`'s open transaction and how to give it back, or
 * null when `em` is not in a transaction. A knex transaction's client hands
 * out its one connection (acquire and release are bookkeeping only).
 */
export async function transactionConnection(em: EntityManager): Promise<{ connection: PgConnection; release(): Promise<void> } | null> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx) return null;
  const client = (trx as unknown as { client: KnexClient }).client;
  const connection = await client.acquireConnection();
  return { connection, release: () => client.releaseConnection(connection) };
}

/**
 * How the ORM of `em` connects: its URL's host, port, user, password and
 * database, its session limits (driverOptions.connection: statement
 * timeouts) and its type parsers (dates and timestamps as text).
 */
export function ormConnectionSettings(em: EntityManager): pg.ClientConfig {
  const connection = em.getDriver().getConnection() as PostgreSqlConnection;
  const driverOptions = em.config.get('driverOptions') as { connection?: pg.ClientConfig };
  return { ...(connection.getConnectionOptions() as unknown as pg.ClientConfig), ...(driverOptions.connection ?? {}) };
}

const patched = new WeakSet<object>();

/**
 * Every statement MikroORM runs goes through its knex client's `_query`
 * (transactions' clients share its prototype): wrapped once per class, so
 * that a request's statements are tracked without touching each call site.
 */
export function trackOrmStatements(orm: MikroORM): void {
  const client = orm.em.getKnex().client as unknown as object;
  const proto = Object.getPrototypeOf(client) as { _query: (connection: PgConnection, obj: unknown) => Promise<unknown> };
  if (patched.has(proto)) return;
  patched.add(proto);
  const original = proto._query;
  proto._query = function (this: unknown, connection: PgConnection, obj: unknown) {
    return trackStatement(connection, () => original.call(this, connection, obj));
  };
}
