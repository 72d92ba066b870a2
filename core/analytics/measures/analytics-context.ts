import { readEntityManager } from '../../db/read-routing.js';
import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, type Sql } from '../../db/sql.js';
import type { CoreServices } from '../../config/core-services.js';
import type { AuthUser } from '../../auth/auth-user.js';
import type { RequestContext } from '../../auth/request-context.js';
import { requireUser } from '../../auth/require-user.js';
import type { MetricEnv } from './metrics.js';
import type { SectorPlugin } from '../../plugin-api/index.js';

/** What analytics uses of the app's services: the core's, and the plugins (their KPIs). */
export interface AnalyticsServices extends CoreServices {
  /** The enabled plugins: their KPIs and names. */
  plugins: SectorPlugin[];
}

/** What every analytics service needs: the database, settings, "now" and the caller. */
export interface AnalyticsContext<S extends AnalyticsServices = AnalyticsServices> {
  em: EntityManager;
  app: S;
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
const NO_JIT = sql`set_config('jit', 'off', true)`;

/**
 * An analytics statement reads months of appeals: it gets ANALYTICS_STATEMENT_TIMEOUT_MS
 * instead of the requests' DB_STATEMENT_TIMEOUT_MS (0: none), set with the rest in one
 * statement (`set_config(…, true)` is `set local`, one statement with its values bound).
 */
const analyticsSettings = (ctx: AnalyticsContext) =>
  sql`select set_config('work_mem', ${ctx.app.config.ANALYTICS_WORK_MEM}, true), set_config('statement_timeout', ${String(Number(ctx.app.config.ANALYTICS_STATEMENT_TIMEOUT_MS))}, true), ${NO_JIT}`;

/**
 * Runs one analytics statement with ANALYTICS_WORK_MEM for its sorts and
 * hashes (GROUP BY over hundreds of thousands of rows, medians), set for
 * that transaction only instead of spilling to disk at the default 4 MB.
 */
export async function runAnalyticsQuery<T = Record<string, any>>(ctx: AnalyticsContext, statement: Sql): Promise<T[]> {
  // Both statements on the transaction's own connection (query() runs on the EntityManager's transaction).
  return ctx.em.transactional(async (tx) => {
    await query(tx, analyticsSettings(ctx));
    return query<T>(tx, statement);
  });
}

/** Runs statements of one analytics question in one transaction. */
export type AnalyticsWork = <T = Record<string, any>>(statement: Sql) => Promise<T[]>;

/**
 * Like runAnalyticsQuery, for a question of several statements (the rollup's
 * plan, then the statement that reads the rollup and the appeals): REPEATABLE
 * READ, so that every statement sees the database at the same moment.
 */
export async function runAnalyticsWork<T>(ctx: AnalyticsContext, work: (run: AnalyticsWork) => Promise<T>): Promise<T> {
  return ctx.em.transactional(
    async (tx) => {
      await query(tx, analyticsSettings(ctx));
      return work((statement) => query(tx, statement));
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ },
  );
}

/** The analytics context of a GraphQL request (fails with UNAUTHENTICATED without a user). */
/** Analytics and reports read from the replica when there is one (read-routing.ts). */
export const analyticsContext = <S extends AnalyticsServices>(ctx: RequestContext<S>): AnalyticsContext<S> => ({
  em: readEntityManager(ctx),
  app: ctx.app,
  user: requireUser(ctx),
  now: ctx.clock.now(),
});
