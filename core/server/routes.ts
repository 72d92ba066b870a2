import type { Express } from 'express';
import type { AppServices } from '../app/app-services.js';
import { registerReportRoutes } from '../analytics/monthly-report/report.route.js';

/** HTTP routes beside GraphQL (report files, ...): each area adds its registration here. */
export function registerRoutes(expressApp: Express, app: AppServices): void {
  registerReportRoutes(expressApp, app);
}
