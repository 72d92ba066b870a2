import type { Access } from '../auth/access-matrix.js';
import type { EntityClass, FeatureModule } from './feature-module.js';
import { foundationModule } from './foundation.module.js';
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
export const coreModules: readonly FeatureModule[] = [
  foundationModule, structuringModule, notificationsModule, announcementsModule, surveysModule, officialPagesModule, trainingModule, recommendationsModule,
];

export function moduleEntities(modules: readonly FeatureModule[] = coreModules): EntityClass[] {
  return modules.flatMap((module) => module.entities ?? []);
}

export function moduleResolvers(modules: readonly FeatureModule[] = coreModules): Function[] {
  return modules.flatMap((module) => module.resolvers ?? []);
}

export function moduleQueues(modules: readonly FeatureModule[] = coreModules): string[] {
  return modules.flatMap((module) => module.queues ?? []);
}

/** The core's rows of the access matrix; two modules may not claim one operation. */
export function moduleAccess(modules: readonly FeatureModule[] = coreModules): Record<string, Access> {
  const matrix: Record<string, Access> = {};
  for (const module of modules) {
    for (const [operation, access] of Object.entries(module.access ?? {})) {
      if (operation in matrix) throw new Error(`Two core modules give access rows for ${operation}`);
      matrix[operation] = access;
    }
  }
  return matrix;
}
