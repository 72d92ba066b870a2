import type { DeadlineWatchServices } from './deadline-watch.service.js';
import { startRecurringJob, type RecurringJob } from '../jobs/recurring-job.js';
import { runDeadlineWatch } from './deadline-watch.service.js';

export const DEADLINE_WATCH_QUEUE = 'deadline-watch';

/**
 * Runs the deadline watcher as a recurring job shared by every API process
 * (core/jobs/recurring-job.ts). Exactly-once alerts do not depend on the
 * queue: the watch itself is idempotent (see runDeadlineWatch).
 * DEADLINE_WATCH_INTERVAL_SECONDS=0 leaves this process out.
 */
export function startDeadlineWatchJob(app: DeadlineWatchServices, databaseUrl: string): Promise<RecurringJob | null> {
  const interval = app.config.DEADLINE_WATCH_INTERVAL_SECONDS;
  return startRecurringJob(databaseUrl, app.logger, {
    queue: DEADLINE_WATCH_QUEUE,
    intervalSeconds: interval,
    expireInSeconds: Math.max(interval * 5, 300),
    label: 'deadline watch',
    run: async () => {
      const raised = await runDeadlineWatch(app);
      if (raised.length) app.logger.info({ alerts: raised.length }, 'deadline watch: alerts raised');
    },
  });
}
