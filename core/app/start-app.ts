import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import { pluginEntities, selectPlugins } from '../plugins/plugin-registry.js';
import { openDatabase, type Database } from '../db/database.js';
import { TokenService } from '../auth/token.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { seedReference } from '../seed/reference.seed.js';
import { loadWorkingCalendar, seedBundledCalendar } from '../calendar/calendar.service.js';
import { mariElMunicipalities, mariElOrganizations } from '../reference/index.js';
import { buildAppSchema } from '../../schema/build-schema.js';
import { createHttpServer } from '../server/http-server.js';
import type { AppServices } from './app-services.js';
import type { EventBus } from '../events/event-bus.js';
import { createEventBus } from '../events/create-event-bus.js';
import { LiveFeed } from '../live/live-feed.js';
import type { RecurringJob } from '../jobs/recurring-job.js';
import { coreModules } from './modules.js';
import { createStructurer } from '../structuring/structurer.js';
import { readPlaces } from '../structuring/places.schema.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { IntakeService } from '../channels/intake.js';
import { configurePagination } from '../graphql/pagination.js';

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
  configurePagination({ maxPageSize: config.MAX_PAGE_SIZE });
  if (config.jwtSecretIsDefault) logger.warn('JWT_SECRET is not set: tokens are signed with the built-in development secret; set it in production');
  const db = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    logger,
    poolMax: config.DB_POOL_MAX,
    extraEntities: pluginEntities(options.plugins),
    onQuery: options.onQuery,
  });
  let events: EventBus | null = null;
  const jobs: RecurringJob[] = [];
  const stopJobs = () => Promise.all(jobs.splice(0).map((job) => job.stop().catch(() => undefined)));
  try {
    const em = db.orm.em.fork() as EntityManager;
    await seedBundledCalendar(em);
    await seedReference(em, { municipalities: mariElMunicipalities, organizations: mariElOrganizations }, options.plugins, config.demo);
    events = await createEventBus(config, db.url, db.orm, logger);
    const app: AppServices = {
      config,
      logger,
      orm: db.orm,
      plugins,
      clock: options.clock ?? systemClock,
      tokens: new TokenService({
        keys: config.jwtKeys,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        ttlSeconds: config.JWT_TTL_SECONDS,
      }),
      loginThrottle: new LoginThrottle(em.getKnex(), {
        maxFailuresPerEmail: config.LOGIN_MAX_FAILURES,
        maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
        blockSeconds: config.LOGIN_BLOCK_SECONDS,
      }),
      calendar: await loadWorkingCalendar(em, config.TIME_ZONE),
      events,
      // The region's gazetteer beside its municipalities (moves with them into the region pack).
      structurer: createStructurer(plugins, mariElMunicipalities, { places: readPlaces(new URL('../../regions/mari-el/places.json', import.meta.url)) }),
      live: new LiveFeed(db.orm, events, logger),
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
      http.server.listen(config.PORT, () => resolve());
    });
    const port = (http.server.address() as AddressInfo).port;
    logger.info(
      { port, plugins: plugins.map((p) => p.code), embedded: db.embedded, eventBus: config.eventBus },
      `ЦУР API: http://localhost:${port}/graphql`,
    );
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
