import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../../config/core-services.js';
import { startRecurringJob, type RecurringJob } from '../../jobs/recurring-job.js';
import { refreshRollup, type RollupMonthRebuilder } from './rollup-refresh.service.js';

export const ROLLUP_REFRESH_QUEUE = 'analytics-rollup-refresh';

/** What the refresh job uses of the app's services: the core's, and the features' rollups rebuilt with each month. */
export interface RollupRefreshServices extends CoreServices {
  rollupRebuilders: readonly RollupMonthRebuilder[];
}

/**
 * Refreshes the analytics rollup as a recurring job shared by every API
 * process (core/jobs/recurring-job.ts). Freshness does not depend on it — a
 * changed month is read from `appeal` until rebuilt — only speed does: a
 * month changed less than ANALYTICS_ROLLUP_INTERVAL_SECONDS (plus its
 * rebuild time) ago costs its raw read. 0 leaves this process out.
 */
export function startRollupRefreshJob(app: RollupRefreshServices, databaseUrl: string): Promise<RecurringJob | null> {
  const interval = app.config.ANALYTICS_ROLLUP_INTERVAL_SECONDS;
  return startRecurringJob(databaseUrl, app.logger, {
    queue: ROLLUP_REFRESH_QUEUE,
    intervalSeconds: interval,
    // The first build reads every month once (about a second a month at a million appeals).
    expireInSeconds: Math.max(interval * 5, 3600),
    label: 'analytics rollup',
    run: async () => {
      const started = Date.now();
      const done = await refreshRollup(app.orm.em.fork() as EntityManager, app.config.TIME_ZONE, { rebuilders: app.rollupRebuilders });
      if (done.months.length) app.logger.info({ months: done.months, marks: done.marks, ms: Date.now() - started }, 'analytics rollup refreshed');
    },
  });
}
