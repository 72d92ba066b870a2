import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';

/** A pool connection (node-postgres' Client) as far as cancelling its statement needs it. */
interface PgClientLike {
  processID?: number | null;
}

/** The statements one HTTP request has running, and whether its client has gone. */
export interface StatementScope {
  running: Set<PgClientLike>;
  abandoned: boolean;
}

const scopes = new AsyncLocalStorage<StatementScope>();

/** A statement refused because its request's client has gone: answered with PostgreSQL's own "cancelled" state. */
class AbandonedRequestError extends Error {
  readonly code = '57014';
  constructor() {
    super('the client closed the request; its statements are not run');
  }
}

/** Runs `work` (the rest of a request) with a scope of its own: its statements are tracked for `abandon`. */
export function runInStatementScope<T>(scope: StatementScope, work: () => T): T {
  return scopes.run(scope, work);
}

export const newStatementScope = (): StatementScope => ({ running: new Set(), abandoned: false });

/**
 * Runs one statement on a connection, tracked in the current request's scope
 * (if any): known while it runs, refused once the request was abandoned.
 * pgQuery calls it; the ORM's statements go through it by `trackOrmStatements` (knex-seam.ts).
 */
export function trackStatement<T>(connection: PgClientLike, run: () => Promise<T>): Promise<T> {
  const scope = scopes.getStore();
  if (!scope) return run();
  if (scope.abandoned) return Promise.reject(new AbandonedRequestError());
  scope.running.add(connection);
  return run().finally(() => scope.running.delete(connection));
}

/**
 * The client of a request has gone (closed the connection before the
 * answer): its running statements are cancelled (pg_cancel_backend, on a
 * connection of its own, so a full pool cannot hold the cancel up) and no new
 * one starts. A connection is cancelled only if it still runs this request's
 * statement when the cancel is sent (checked just before), so that a
 * connection already handed to another request is left alone.
 */
export function abandon(scope: StatementScope, connectionSettings: pg.ClientConfig, logger: Logger): void {
  if (scope.abandoned) return;
  scope.abandoned = true;
  for (const connection of scope.running) {
    const pid = connection.processID;
    if (!pid) continue;
    void cancelBackend(scope, connection, pid, connectionSettings).catch((error) =>
      logger.warn({ err: error, pid }, 'could not cancel the statement of an abandoned request'),
    );
  }
}

async function cancelBackend(scope: StatementScope, connection: PgClientLike, pid: number, settings: pg.ClientConfig): Promise<void> {
  const canceller = new pg.Client({ ...settings, statement_timeout: 5000 });
  await canceller.connect();
  try {
    if (scope.running.has(connection)) await canceller.query('select pg_cancel_backend($1)', [pid]);
  } finally {
    await canceller.end();
  }
}
