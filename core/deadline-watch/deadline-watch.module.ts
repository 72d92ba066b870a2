import type { FeatureModule } from '../auth/feature-module.js';
import { DeadlineAlertRecord } from '../entities/deadline-alert.entity.js';
import { DEADLINE_WATCH_QUEUE, startDeadlineWatchJob } from './deadline-watch.job.js';
import type { DeadlineWatchServices } from './deadline-watch.service.js';

/** The deadline watcher: a recurring job that records each alert once (docs/lifecycle.md). */
export const deadlineWatchModule: FeatureModule<DeadlineWatchServices> = {
  name: 'deadline-watch',
  entities: [DeadlineAlertRecord],
  jobs: [startDeadlineWatchJob],
  queues: [DEADLINE_WATCH_QUEUE],
};
