import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../clock/clock.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import type { TokenService } from '../auth/token.service.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { WorkingCalendar } from '../deadlines/index.js';
import type { EventBus } from '../events/event-bus.js';
import type { AppealStructurer } from '../structuring/structurer.js';
import type { LiveFeed } from '../live/live-feed.js';
import type { IntakeService } from '../lifecycle/intake.js';
import type { AnnouncementMatcher, LifecycleServices } from '../lifecycle/lifecycle-services.js';
import type { RegionPack } from '../region/index.js';
import type { ReadRouting } from '../db/read-routing.js';
import type { RollupMonthRebuilder } from '../analytics/rollup/rollup-refresh.service.js';

/**
 * Process-wide services, built once at start and shared by every request: the
 * whole, known only to the composition root (and core/server, core/cli). Every
 * feature takes the narrow interface of what it uses; extending them here
 * makes the compiler check that the app provides each.
 */
export interface AppServices extends LifecycleServices {
  config: Config;
  logger: Logger;
  orm: MikroORM;
  /** The enabled plugins. */
  plugins: SectorPlugin[];
  /** The region served (REGION_PACK): its municipalities, bodies and calendar, as loaded at start. */
  region: RegionPack;
  clock: Clock;
  tokens: TokenService;
  /** Failed-login counters shared by every process (PostgreSQL). */
  loginThrottle: LoginThrottle;
  /** Working days from the production calendar stored in the database. */
  calendar: WorkingCalendar;
  /** Committed appeal events, for subscriptions and after-commit hooks. */
  events: EventBus;
  /** Finds sector, category, municipality and a summary in free text. */
  structurer: AppealStructurer;
  /** This process's fan-out of committed events to its subscriptions. */
  live: LiveFeed;
  /** Where read-only call sites read (DATABASE_READ_URL; core/db/read-routing.ts). */
  reads?: ReadRouting;
  /**
   * The lifecycle's door for channels (core/channels/intake.ts). Absent until
   * the lifecycle provides one: the endpoints that create appeals from
   * channels are mounted only when it is set.
   */
  intake?: IntakeService;
  /** Finds the published announcement that answers an appeal at intake (core/announcements), for the lifecycle. */
  matchAnnouncements: AnnouncementMatcher;
  /** The features' rollups the analytics rollup's refresh rebuilds with each month (the recommendation rules'), for core/analytics/rollup. */
  rollupRebuilders: readonly RollupMonthRebuilder[];
}
