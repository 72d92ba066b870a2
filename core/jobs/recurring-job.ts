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
  // migrate: false — the queue's schema is the migrations' (prepareJobQueues, as the owner); the API's role only uses it.
  const boss = new PgBoss({ connectionString: databaseUrl, max: 2, application_name: 'cur-api-jobs', schedule: false, migrate: false });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  try {
    const settings = { name: queue, policy: 'stately' as const, retryLimit: 0, expireInSeconds: options.expireInSeconds };
    // The queue exists (prepareJobQueues); this process's settings for it are written as rows, which the API's role may do.
    await boss.createQueue(queue, settings);
    await boss.updateQueue(queue, settings);
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

/**
 * Creates or migrates pg-boss's schema and creates the queues (each queue is
 * a partition table of pg-boss's): run with the migrations, as the owner of
 * the tables, because the API's role may not create tables
 * (core/db/app-role.ts).
 */
export async function prepareJobQueues(ownerUrl: string, queues: readonly string[]): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, max: 1, application_name: 'cur-api-migrations', schedule: false, supervise: false });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const queue of queues) if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: 'stately', retryLimit: 0 });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
