import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
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
