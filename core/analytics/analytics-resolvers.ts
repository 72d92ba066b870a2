import { StatsResolver } from './stats.resolver.js';
import { RatingsResolver } from './ratings.resolver.js';
import { WorkloadResolver } from './workload.resolver.js';
import { MonthlyReportResolver } from './monthly-report/report.resolver.js';
import { ConflictsResolver } from './conflicts.resolver.js';
import { AppealProblemResolver, ProblemResolver } from './problems.resolver.js';

/** The analytics resolver classes, registered in core-resolvers. */
export const analyticsResolvers = [StatsResolver, RatingsResolver, WorkloadResolver, ProblemResolver, AppealProblemResolver, ConflictsResolver, MonthlyReportResolver] as const;
