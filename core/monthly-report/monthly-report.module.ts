import type { FeatureModule } from '../auth/feature-module.js';
import { MonthlyReportResolver } from './report.resolver.js';
import { registerReportRoutes } from './report.route.js';
import { monthlyReportAccess } from './monthly-report.access.js';
import type { MonthlyReportServices } from './report.service.js';

/**
 * The monthly report to the head of the region: as GraphQL and as files
 * (HTML, XLSX, PDF). A module of its own, above analytics and the surveys
 * whose figures it gathers (docs/analytics.md).
 */
export const monthlyReportModule: FeatureModule<MonthlyReportServices> = {
  name: 'monthly-report',
  resolvers: [MonthlyReportResolver],
  access: monthlyReportAccess,
  routes: registerReportRoutes,
};
