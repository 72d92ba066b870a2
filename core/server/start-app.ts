import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import { pluginEntities, pluginMigrations, selectPlugins } from '../plugins/plugin-registry.js';
import type { Database } from '../db/database.js';
import { openAppDatabase } from '../app/database.js';
import { TokenService } from '../auth/token.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { seedReference } from '../seed/reference.seed.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { describeChanges, loadRegionPack, type RegionPack } from '../region/index.js';
import { buildAppSchema } from '../../schema/build-schema.js';
import { createHttpServer } from './http-server.js';
import type { AppServices } from '../app/app-services.js';
import type { EventBus } from '../events/event-bus.js';
import { createEventBus } from '../events/create-event-bus.js';
import { LiveFeed } from '../live/live-feed.js';
import type { RecurringJob } from '../jobs/recurring-job.js';
import { coreModules, moduleEntities } from '../app/modules.js';
import { createStructurer } from '../structuring/structurer.js';
import { regionPlaces } from '../structuring/places.schema.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReadRouting } from '../db/read-routing.js';
import type { GraphQLSchema } from 'graphql';
import type { IntakeService } from '../lifecycle/intake.js';
import { configurePagination } from '../graphql/pagination.js';
import { announcementMatcher } from '../announcements/intake-matching.js';
import { rebuildRuleRollupMonth } from '../recommendations/recommendation-rollup.js';

export interface StartOptions {
  config: Config;
  /** Every plugin available; `config.enabledPlugins` picks among them. */
  plugins: readonly SectorPlugin[];
  clock?: Clock;
  logger?: Logger;
  /** Sees every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
  /** Builds the channels' door into the lifecycle (core/channels/intake.ts); without it, channel intake endpoints are not mounted. */
  intake?: (app: AppServices) => IntakeService;
  /** The region, when already loaded; else read from `config.REGION_PACK`. */
  region?: RegionPack;
}

export interface RunningApp {
  app: AppServices;
  /** The schema being served (the access-matrix test walks it). */
  schema: GraphQLSchema;
  db: Database;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts everything: database (embedded or not), migrations, reference data, schema, HTTP and WebSocket. */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const plugins = selectPlugins(options.plugins, config.enabledPlugins);
  const region = options.region ?? loadRegionPack(config.REGION_PACK);
  configurePagination({ maxPageSize: config.MAX_PAGE_SIZE });
  if (config.rootSecretSource !== 'JWT_SECRET')
    logger.info({ file: config.rootSecretSource }, 'JWT_SECRET is not set: using the secret generated for this installation');
  if (config.DATABASE_URL && !config.DATABASE_MIGRATION_URL && config.NODE_ENV === 'production') {
    logger.warn(
      "DATABASE_MIGRATION_URL is not set: the API connects as the owner of its tables and could switch the audit trail's guards off (docs/security.md)",
    );
  }
  const db = await openAppDatabase({
    url: config.DATABASE_URL,
    migrationUrl: config.DATABASE_MIGRATION_URL,
    dataDir: config.DATA_DIR,
    logger,
    poolMax: config.DB_POOL_MAX,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    extraEntities: pluginEntities(options.plugins),
    extraMigrations: pluginMigrations(options.plugins),
    onQuery: options.onQuery,
  });
  let events: EventBus | null = null;
  const jobs: RecurringJob[] = [];
  const stopJobs = () => Promise.all(jobs.splice(0).map((job) => job.stop().catch(() => undefined)));
  try {
    const em = db.orm.em.fork() as EntityManager;
    const loaded = await seedReference(em, region, options.plugins, config.demo);
    logger.info({ region: region.region.code, dir: region.dir }, describeChanges(loaded).join('; '));
    warnUnansweredSectors(region, plugins, logger);
    events = await createEventBus(config, db.url, db.orm, logger);
    const app: AppServices = {
      config,
      logger,
      orm: db.orm,
      plugins,
      region,
      clock: options.clock ?? systemClock,
      tokens: new TokenService({
        keys: config.jwtKeys,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        ttlSeconds: config.JWT_TTL_SECONDS,
      }),
      loginThrottle: LoginThrottle.connect(db.url, {
        maxFailuresPerEmail: config.LOGIN_MAX_FAILURES,
        maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
        blockSeconds: config.LOGIN_BLOCK_SECONDS,
      }),
      calendar: await loadWorkingCalendar(em, config.TIME_ZONE),
      events,
      // The region's gazetteer (places.json of the pack), where the pack has one.
      structurer: createStructurer(plugins, region.municipalities, { places: regionPlaces(region.dir) }),
      matchAnnouncements: announcementMatcher,
      rollupRebuilders: [rebuildRuleRollupMonth],
      live: new LiveFeed(db.orm, events, logger),
      reads: await ReadRouting.open(
        config.DATABASE_READ_URL,
        {
          poolMax: config.DB_POOL_MAX,
          statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
          entities: moduleEntities(),
          extraEntities: pluginEntities(options.plugins),
          extraMigrations: pluginMigrations(options.plugins),
        },
        logger,
      ),
    };
    if (options.intake) app.intake = options.intake(app);
    for (const module of coreModules) {
      for (const startJob of module.jobs ?? []) {
        const job = await startJob(app, db.url);
        if (job) jobs.push(job);
      }
    }
    if (config.demo) {
      // Loaded only for the demo: the data generator brings faker's locales (about 40 MB of memory).
      await (await import('../seed/demo.seed.js')).seedDemo(app);
      for (const module of coreModules) await module.seedDemo?.(app);
    }
    const schema = await buildAppSchema(plugins, { channelIntake: Boolean(app.intake) });
    const http = await createHttpServer(app, schema);
    await new Promise<void>((resolve, reject) => {
      http.server.once('error', reject);
      http.server.listen({ port: config.PORT, backlog: config.LISTEN_BACKLOG }, () => resolve());
    });
    const port = (http.server.address() as AddressInfo).port;
    logger.info({ port, plugins: plugins.map((p) => p.code), embedded: db.embedded, eventBus: config.eventBus }, `ЦУР API: http://localhost:${port}/graphql`);
    return {
      app,
      schema,
      db,
      url: `http://127.0.0.1:${port}`,
      port,
      async stop() {
        await http.stop();
        await Promise.all(jobs.map((job) => job.stop()));
        await app.live.close();
        await app.events.close();
        await app.loginThrottle.close();
        await app.reads?.close();
        await db.close();
      },
    };
  } catch (error) {
    await stopJobs();
    await events?.close().catch(() => undefined);
    await db.close();
    throw error;
  }
}

/**
 * A sector with no responsible body in the pack (it declares no role and no
 * EXECUTIVE_BODY lists its code; a declared role the pack leaves unbound
 * stops the load instead) still works, but appeals no routing rule places stay unrouted: said
 * once at start, so that a pack missing a ministry is noticed.
 */
function warnUnansweredSectors(region: RegionPack, plugins: readonly SectorPlugin[], logger: Logger): void {
  const answered = new Set(region.organizations.filter((o) => o.kind === 'EXECUTIVE_BODY').flatMap((o) => o.sectors));
  const missing = plugins.filter((p) => !p.responsibleBody && !answered.has(p.code)).map((p) => p.code);
  if (missing.length) logger.warn({ region: region.region.code, sectors: missing }, 'no responsible executive body in the region pack for these sectors');
}
