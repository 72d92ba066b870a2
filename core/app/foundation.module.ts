import type { FeatureModule } from './feature-module.js';
import { coreEntities } from '../entities/index.js';
import { coreResolvers } from '../graphql/core-resolvers.js';
import { coreAccess } from '../auth/access-matrix.js';
import { registerReportRoutes } from '../analytics/monthly-report/report.route.js';
import { DEADLINE_WATCH_QUEUE, startDeadlineWatchJob } from '../deadline-watch/deadline-watch.job.js';
import { ROLLUP_REFRESH_QUEUE, startRollupRefreshJob } from '../analytics/rollup/rollup-refresh.job.js';

/**
 * The features written before modules existed (appeals, lifecycle, analytics,
 * channels, live, auth), still collected by their old lists; each moves into a
 * module of its own, and this one shrinks to nothing.
 */
export const foundationModule: FeatureModule = {
  name: 'foundation',
  entities: coreEntities,
  resolvers: coreResolvers,
  access: coreAccess,
  routes: registerReportRoutes,
  jobs: [startDeadlineWatchJob, startRollupRefreshJob],
  queues: [DEADLINE_WATCH_QUEUE, ROLLUP_REFRESH_QUEUE],
};
