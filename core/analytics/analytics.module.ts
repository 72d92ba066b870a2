import type { FeatureModule } from '../auth/feature-module.js';
import { Problem } from '../entities/problem.entity.js';
import { ProblemAppeal } from '../entities/problem-appeal.entity.js';
import { AnalyticsRollupCell } from './rollup/rollup-cell.entity.js';
import { AnalyticsRollupMonth } from './rollup/rollup-month.entity.js';
import { AnalyticsDirtyMark } from './rollup/dirty-mark.entity.js';
import { ROLLUP_REFRESH_QUEUE, startRollupRefreshJob } from './rollup/rollup-refresh.job.js';
import { StatsResolver } from './stats.resolver.js';
import { RatingsResolver } from './ratings.resolver.js';
import { WorkloadResolver } from './workload.resolver.js';
import { ConflictsResolver } from './conflicts.resolver.js';
import { AppealProblemResolver, ProblemResolver } from './problems.resolver.js';
import { MonthlyReportResolver } from './monthly-report/report.resolver.js';
import { registerReportRoutes } from './monthly-report/report.route.js';
import { analyticsAccess } from './analytics.access.js';
import type { AppServices } from '../app/app-services.js';

/** Analytics: stats, ratings, workload, conflicts, problems, the monthly report and its rollup (docs/analytics.md). */
export const analyticsModule: FeatureModule<AppServices> = {
  name: 'analytics',
  entities: [Problem, ProblemAppeal, AnalyticsRollupCell, AnalyticsRollupMonth, AnalyticsDirtyMark],
  resolvers: [StatsResolver, RatingsResolver, WorkloadResolver, ProblemResolver, AppealProblemResolver, ConflictsResolver, MonthlyReportResolver],
  access: analyticsAccess,
  routes: registerReportRoutes,
  jobs: [startRollupRefreshJob],
  queues: [ROLLUP_REFRESH_QUEUE],
};
