import PgBoss from 'pg-boss';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../../app/app-services.js';
import { refreshRollup } from './rollup-refresh.service.js';

export const ROLLUP_REFRESH_QUEUE = 'analytics-rollup-refresh';

export interface RollupRefreshJob {
  stop(): Promise<void>;
}

/**
 * Refreshes the analytics rollup on the pg-boss queue, as the deadline watch
 * does: each process offers one job per interval (`sendThrottled`, policy
 * `stately`: never more than one waiting and one running, whichever process
 * fetches it runs it). Freshness does not depend on it — a changed month is
 * read from `appeal` until rebuilt — only speed does: a month changed less
 * than ANALYTICS_ROLLUP_INTERVAL_SECONDS (plus its rebuild time) ago costs
 * its raw read. ANALYTICS_ROLLUP_INTERVAL_SECONDS=0 leaves this process out.
 */
export async function startRollupRefreshJob(app: AppServices, databaseUrl: string): Promise<RollupRefreshJob | null> {
  const interval = app.config.ANALYTICS_ROLLUP_INTERVAL_SECONDS;
  if (!interval) return null;
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, application_name: 'cur-api-jobs', schedule: false });
  boss.on('error', (error) => app.logger.error({ err: error }, 'job queue error'));
  await boss.start();
  try {
    await boss.createQueue(ROLLUP_REFRESH_QUEUE, {
      name: ROLLUP_REFRESH_QUEUE,
      policy: 'stately',
      retryLimit: 0,
      // The first build reads every month once (about a second a month at a million appeals).
      expireInSeconds: Math.max(interval * 5, 3600),
    });
    await boss.work(ROLLUP_REFRESH_QUEUE, { pollingIntervalSeconds: Math.min(Math.max(interval / 2, 0.5), 5) }, async () => {
      const started = Date.now();
      const done = await refreshRollup(app.orm.em.fork() as EntityManager, app.config.TIME_ZONE);
      if (done.months.length) app.logger.info({ months: done.months, marks: done.marks, ms: Date.now() - started }, 'analytics rollup refreshed');
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }
  const offer = () =>
    void boss.sendThrottled(ROLLUP_REFRESH_QUEUE, {}, {}, interval, 'tick').catch((error) => app.logger.error({ err: error }, 'analytics rollup: cannot queue a refresh'));
  offer();
  const timer = setInterval(offer, (interval * 1000) / 2);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
