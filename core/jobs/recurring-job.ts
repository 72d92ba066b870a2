import PgBoss from 'pg-boss';
import type { Logger } from '../logging/logger.js';

export interface RecurringJob {
  stop(): Promise<void>;
}

export interface RecurringJobOptions {
  /** The pg-boss queue, shared by every process. */
  queue: string;
  /** Seconds between runs; 0 leaves this process out (returns null). */
  intervalSeconds: number;
  /** How long one run may take before pg-boss gives up on it. */
  expireInSeconds: number;
  /** What a run does; whichever process fetches the job runs it. */
  run: () => Promise<void>;
  /** Names the job in log lines. */
  label: string;
}

/**
 * A job run every `intervalSeconds` on the PostgreSQL-backed queue pg-boss,
 * so that any number of API processes share the work: each process offers
 * one job per interval (`sendThrottled`: one per time slot for all of them;
 * the `stately` policy: never more than one waiting and one running), and
 * whichever process fetches it runs it.
 */
export async function startRecurringJob(databaseUrl: string, logger: Logger, options: RecurringJobOptions): Promise<RecurringJob | null> {
  const { queue, intervalSeconds: interval } = options;
  if (!interval) return null;
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, application_name: 'cur-api-jobs', schedule: false });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  try {
    await boss.createQueue(queue, { name: queue, policy: 'stately', retryLimit: 0, expireInSeconds: options.expireInSeconds });
    await boss.work(queue, { pollingIntervalSeconds: Math.min(Math.max(interval / 2, 0.5), 5) }, async () => options.run());
  } catch (error) {
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }
  const offer = () =>
    void boss.sendThrottled(queue, {}, {}, interval, 'tick').catch((error) => logger.error({ err: error }, `${options.label}: cannot queue a run`));
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
