import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock/clock.js';
import type { Config } from './config.js';
import type { Logger } from '../logging/logger.js';
import type { ReadRouting } from '../db/read-routing.js';

/**
 * The process-wide services of the lowest layers (settings, log, database,
 * clock), which most of the core's functions, jobs and resolvers use. A
 * function that needs more (the event bus, the plugins, the login throttle...)
 * names it in a narrow interface of its own feature, extending this one; only
 * the composition root (core/app/app-services.ts) knows the whole and checks
 * that it provides every feature's interface.
 */
export interface CoreServices {
  config: Config;
  logger: Logger;
  orm: MikroORM;
  clock: Clock;
  /** Where read-only call sites read (DATABASE_READ_URL; core/db/read-routing.ts). */
  reads?: ReadRouting;
}
