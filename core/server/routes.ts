import type { Express } from 'express';
import type { AppServices } from '../app/app-services.js';
import { coreModules } from '../app/modules.js';

/** HTTP routes beside GraphQL (report files, ...): each feature module brings its own. */
export function registerRoutes(expressApp: Express, app: AppServices): void {
  for (const module of coreModules) module.routes?.(expressApp, app);
}
