/**
 * The services and the curator's analytics context the analytics benches
 * call the services with (no server: the statements are what is timed).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MikroORM } from '@mikro-orm/core';
import type { Config } from '../../core/config/config.js';
import type { Logger } from '../../core/logging/logger.js';
import { loadRegionPack } from '../../core/region/index.js';
import { allPlugins } from '../../plugins/index.js';
import { Role } from '../../core/entities/enums.js';
import type { AppServices } from '../../core/app/app-services.js';
import type { AnalyticsContext } from '../../core/analytics/measures/analytics-context.js';

export function benchAnalyticsContext(
  orm: MikroORM,
  config: Config,
  logger: Logger,
  now: Date,
): { app: AppServices; ctx: () => AnalyticsContext<AppServices> } {
  const app = { config, logger, orm, plugins: allPlugins, region: loadRegionPack(config.REGION_PACK), clock: { now: () => now } } as unknown as AppServices;
  const ctx = (): AnalyticsContext<AppServices> => ({
    em: orm.em.fork() as EntityManager,
    app,
    user: { id: 'bench', role: Role.CURATOR, organizationId: null, sectors: [] },
    now,
  });
  return { app, ctx };
}
