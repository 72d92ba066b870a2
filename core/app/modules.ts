import type { Access } from '../auth/access-matrix.js';
import type { EntityClass, FeatureModule } from '../auth/feature-module.js';
import type { AppServices } from './app-services.js';
import { authModule } from '../auth/auth.module.js';
import { referenceModule } from '../reference/reference.module.js';
import { calendarModule } from '../calendar/calendar.module.js';
import { appealsModule } from '../appeals/appeals.module.js';
import { lifecycleModule } from '../lifecycle/lifecycle.module.js';
import { deadlineWatchModule } from '../deadline-watch/deadline-watch.module.js';
import { liveModule } from '../live/live.module.js';
import { analyticsModule } from '../analytics/analytics.module.js';
import { monthlyReportModule } from '../monthly-report/monthly-report.module.js';
import { channelsModule } from '../channels/channels.module.js';
import { surveysModule } from '../surveys/surveys.module.js';
import { officialPagesModule } from '../official-pages/official-pages.module.js';
import { trainingModule } from '../training/training.module.js';
import { recommendationsModule } from '../recommendations/recommendations.module.js';
import { notificationsModule } from '../notifications/notifications.module.js';
import { announcementsModule } from '../announcements/announcements.module.js';
import { structuringModule } from '../structuring/structuring.module.js';

/**
 * Every core feature module, in the order their demo data is loaded. A new
 * feature adds one line here and nothing else in `core/app/`.
 */
export const coreModules: readonly FeatureModule<AppServices>[] = [
  authModule,
  referenceModule,
  calendarModule,
  appealsModule,
  lifecycleModule,
  deadlineWatchModule,
  liveModule,
  analyticsModule,
  channelsModule,
  structuringModule,
  notificationsModule,
  announcementsModule,
  surveysModule,
  monthlyReportModule,
  officialPagesModule,
  trainingModule,
  recommendationsModule,
];

export function moduleEntities(modules: readonly FeatureModule<never>[] = coreModules): EntityClass[] {
  return modules.flatMap((module) => module.entities ?? []);
}

export function moduleResolvers(modules: readonly FeatureModule<never>[] = coreModules): Function[] {
  return modules.flatMap((module) => module.resolvers ?? []);
}

export function moduleQueues(modules: readonly FeatureModule<never>[] = coreModules): string[] {
  return modules.flatMap((module) => module.queues ?? []);
}

/** The core's rows of the access matrix; two modules may not claim one operation. */
export function moduleAccess(modules: readonly FeatureModule<never>[] = coreModules): Record<string, Access> {
  const matrix: Record<string, Access> = {};
  for (const module of modules) {
    for (const [operation, access] of Object.entries(module.access ?? {})) {
      if (operation in matrix) throw new Error(`Two core modules give access rows for ${operation}`);
      matrix[operation] = access;
    }
  }
  return matrix;
}
