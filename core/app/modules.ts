import type { Access } from '../auth/access-matrix.js';
import type { EntityClass, FeatureModule } from './feature-module.js';
import { foundationModule } from './foundation.module.js';
import { structuringModule } from '../structuring/structuring.module.js';

/**
 * Every core feature module, in the order their demo data is loaded. A new
 * feature adds one line here and nothing else in `core/app/`.
 */
export const coreModules: readonly FeatureModule[] = [foundationModule, structuringModule];

export function moduleEntities(modules: readonly FeatureModule[] = coreModules): EntityClass[] {
  return modules.flatMap((module) => module.entities ?? []);
}

export function moduleResolvers(modules: readonly FeatureModule[] = coreModules): Function[] {
  return modules.flatMap((module) => module.resolvers ?? []);
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
