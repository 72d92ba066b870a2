import type { FeatureModule } from '../auth/feature-module.js';
import { Problem } from '../entities/problem.entity.js';
import { ProblemAppeal } from '../entities/problem-appeal.entity.js';
import { AnalyticsRollupCell } from './rollup/rollup-cell.entity.js';
import { AnalyticsRollupMonth } from './rollup/rollup-month.entity.js';
import { AnalyticsRollupHours } from './rollup/rollup-hours.entity.js';
import { AnalyticsDirtyMark } from './rollup/dirty-mark.entity.js';
import { ROLLUP_REFRESH_QUEUE, startRollupRefreshJob, type RollupRefreshServices } from './rollup/rollup-refresh.job.js';
import { StatsResolver } from './stats.resolver.js';
import { RatingsResolver } from './ratings.resolver.js';
import { WorkloadResolver } from './workload.resolver.js';
import { ConflictsResolver } from './conflicts.resolver.js';
import { AppealProblemResolver, ProblemResolver } from './problems.resolver.js';
import { analyticsAccess } from './analytics.access.js';
import type { AnalyticsServices } from './measures/analytics-context.js';

/** Analytics: stats, ratings, workload, conflicts, problems and the rollup they read (docs/analytics.md); the monthly report is a module of its own. */
export const analyticsModule: FeatureModule<AnalyticsServices & RollupRefreshServices> = {
  name: 'analytics',
  entities: [Problem, ProblemAppeal, AnalyticsRollupCell, AnalyticsRollupMonth, AnalyticsRollupHours, AnalyticsDirtyMark],
  resolvers: [StatsResolver, RatingsResolver, WorkloadResolver, ProblemResolver, AppealProblemResolver, ConflictsResolver],
  access: analyticsAccess,
  jobs: [startRollupRefreshJob],
  queues: [ROLLUP_REFRESH_QUEUE],
};
