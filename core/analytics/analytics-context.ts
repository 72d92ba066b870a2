import { readEntityManager } from '../db/read-routing.js';
import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { RequestContext } from '../graphql/context.js';
import { requireUser } from '../auth/require-user.js';
import type { MetricEnv } from './metrics.js';

/** What every analytics service needs: the database, settings, "now" and the caller. */
export interface AnalyticsContext {
  em: EntityManager;
  app: AppServices;
  user: AuthUser;
  now: Date;
}

export const metricEnv = (ctx: AnalyticsContext): MetricEnv => ({ now: ctx.now, negativeMax: ctx.app.config.SATISFACTION_NEGATIVE_MAX });

/** The configured zone as a SQL literal (configuration, not user input). */
export const timeZoneLiteral = (ctx: AnalyticsContext) => `'${ctx.app.config.TIME_ZONE.replace(/'/g, "''")}'`;

/**
 * No JIT for analytics statements: their estimated cost passes jit_above_cost,
 * and compiling the expressions of a statement that reads one or two months
 * (60–80 ms) cost more than it saved; for a raw year it made no difference
 * (bench/analytics.bench.ts, PostgreSQL 15).
 */
const NO_JIT = 'set local jit = off';

/**
 * An analytics statement reads months of appeals: it gets ANALYTICS_STATEMENT_TIMEOUT_MS
 * instead of the requests' DB_STATEMENT_TIMEOUT_MS (0: none), set with the rest in one statement.
 */
const analyticsSettings = (ctx: AnalyticsContext) =>
  `set local work_mem = '${ctx.app.config.ANALYTICS_WORK_MEM}'; set local statement_timeout = ${Number(ctx.app.config.ANALYTICS_STATEMENT_TIMEOUT_MS)}; ${NO_JIT}`;

/**
 * Runs one analytics statement with ANALYTICS_WORK_MEM for its sorts and
 * hashes (GROUP BY over hundreds of thousands of rows, medians), set for
 * that transaction only instead of spilling to disk at the default 4 MB.
 */
export async function runAnalyticsQuery<T = Record<string, any>>(ctx: AnalyticsContext, query: Knex.QueryBuilder | Knex.Raw): Promise<T[]> {
  return ctx.em.transactional(async (tx) => {
    // Both statements on the transaction's own connection (execute() alone would take another from the pool).
    const trx = tx.getTransactionContext();
    const conn = tx.getConnection();
    await conn.execute(analyticsSettings(ctx), [], 'run', trx);
    const result: any = await conn.execute(query as never, [], 'all', trx);
    return Array.isArray(result) ? result : result.rows;
  });
}

/** Runs statements of one analytics question in one transaction. */
export interface AnalyticsWork {
  /** Plain SQL with `?` placeholders. */
  exec(sql: string, bindings?: unknown[]): Promise<Record<string, any>[]>;
  /** A knex statement. */
  query<T = Record<string, any>>(query: Knex.QueryBuilder | Knex.Raw): Promise<T[]>;
}

/**
 * Like runAnalyticsQuery, for a question of several statements (the rollup's
 * plan, then the statement that reads the rollup and the appeals): REPEATABLE
 * READ, so that every statement sees the database at the same moment.
 */
export async function runAnalyticsWork<T>(ctx: AnalyticsContext, work: (w: AnalyticsWork) => Promise<T>): Promise<T> {
  return ctx.em.transactional(
    async (tx) => {
      const trx = tx.getTransactionContext();
      const conn = tx.getConnection();
      await conn.execute(analyticsSettings(ctx), [], 'run', trx);
      const rowsOf = (result: any) => (Array.isArray(result) ? result : result.rows);
      return work({
        exec: async (sql, bindings = []) => rowsOf(await conn.execute(sql, bindings as any[], 'all', trx)),
        query: async (query) => rowsOf(await conn.execute(query as never, [], 'all', trx)),
      });
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

/** The analytics context of a GraphQL request (fails with UNAUTHENTICATED without a user). */
/** Analytics and reports read from the replica when there is one (read-routing.ts). */
export const analyticsContext = (ctx: RequestContext): AnalyticsContext => ({
  em: readEntityManager(ctx),
  app: ctx.app,
  user: requireUser(ctx),
  now: ctx.clock.now(),
});
