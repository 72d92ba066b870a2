import type { CoreServices } from '../config/core-services.js';
import { startRecurringJob, type RecurringJob } from '../jobs/recurring-job.js';
import { drainOutbox } from './delivery.service.js';
import { closeTransports } from './transports.js';

export const DELIVERY_QUEUE = 'notification-delivery';

/**
 * Drains the outbox every NOTIFY_DELIVERY_INTERVAL_SECONDS on pg-boss, shared
 * by every API process (core/jobs/recurring-job.ts). Once-per-recipient does
 * not rest on the queue: rows are claimed with `for update skip locked`
 * (delivery.service.ts), so runs of several processes never overlap on a row.
 * Retries and backoff are per row. 0 leaves this process out.
 */
export async function startDeliveryJob(app: CoreServices, databaseUrl: string): Promise<RecurringJob | null> {
  const interval = app.config.NOTIFY_DELIVERY_INTERVAL_SECONDS;
  const job = await startRecurringJob(databaseUrl, app.logger, {
    queue: DELIVERY_QUEUE,
    intervalSeconds: interval,
    // A run takes what is due: 50,000 messages at a few hundred a second take minutes.
    expireInSeconds: Math.max(interval * 5, 30 * 60),
    label: 'notification delivery',
    run: async () => {
      const done = await drainOutbox(app);
      if (done.sent || done.failed || done.recovered) app.logger.info(done, 'notification delivery: run done');
    },
  });
  if (!job) return null;
  return {
    async stop() {
      await job.stop();
      closeTransports(app);
    },
  };
}
