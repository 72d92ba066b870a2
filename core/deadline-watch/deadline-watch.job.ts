import PgBoss from 'pg-boss';
import type { AppServices } from '../app/app-services.js';
import { runDeadlineWatch } from './deadline-watch.service.js';

export const DEADLINE_WATCH_QUEUE = 'deadline-watch';

export interface DeadlineWatchJob {
  stop(): Promise<void>;
}

/**
 * Runs the deadline watcher on the PostgreSQL-backed queue pg-boss, so that
 * any number of API processes share the work: each process offers one job
 * per interval (`sendThrottled`: one per time slot for all of them, the
 * `stately` policy: never more than one waiting and one running), and
 * whichever process fetches it runs the watch. Exactly-once alerts do not
 * depend on this: the watch itself is idempotent (see runDeadlineWatch).
 * DEADLINE_WATCH_INTERVAL_SECONDS=0 leaves this process out.
 */
export async function startDeadlineWatchJob(app: AppServices, databaseUrl: string): Promise<DeadlineWatchJob | null> {
  const interval = app.config.DEADLINE_WATCH_INTERVAL_SECONDS;
  if (!interval) return null;
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, application_name: 'cur-api-jobs', schedule: false });
  boss.on('error', (error) => app.logger.error({ err: error }, 'job queue error'));
  await boss.start();
  try {
    await boss.createQueue(DEADLINE_WATCH_QUEUE, {
      name: DEADLINE_WATCH_QUEUE,
      policy: 'stately',
      retryLimit: 0,
      expireInSeconds: Math.max(interval * 5, 300),
    });
    await boss.work(DEADLINE_WATCH_QUEUE, { pollingIntervalSeconds: Math.min(Math.max(interval / 2, 0.5), 5) }, async () => {
      const raised = await runDeadlineWatch(app);
      if (raised.length) app.logger.info({ alerts: raised.length }, 'deadline watch: alerts raised');
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }
  const offer = () =>
    void boss.sendThrottled(DEADLINE_WATCH_QUEUE, {}, {}, interval, 'tick').catch((error) => app.logger.error({ err: error }, 'deadline watch: cannot queue a run'));
  offer();
  // Twice per slot, so that a slot is never missed for timer drift.
  const timer = setInterval(offer, (interval * 1000) / 2);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
