import { idWhere, insertInto, queryOne, sql } from '../../core/db/sql.js';
import { inject } from 'vitest';
import pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../../core/config/config.js';
import { createLogger } from '../../core/logging/logger.js';
import { startApp, type RunningApp, type StartOptions } from '../../core/server/start-app.js';
import { createScratchDatabase } from '../../core/db/scratch-database.js';
import { ManualClock, type Clock } from '../../core/clock/clock.js';
import type { SectorPlugin } from '../../core/plugin-api/index.js';
import { Role } from '../../core/entities/enums.js';
import { allPlugins } from '../../plugins/index.js';
import { urlAs } from '../../core/db/app-role.js';
import { TEST_APP_ROLE, TEST_APP_ROLE_PASSWORD } from './test-roles.js';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  running: RunningApp;
  url: string;
  clock: Clock;
  /** A database of its own, copied from the migrated and seeded template; this URL logs in as its owner. */
  databaseUrl: string;
  /** The same database as the API's least-privilege role (what the app connects with). */
  appDatabaseUrl: string;
  em(): EntityManager;
  /** Runs SQL as the database's owner (DDL a test needs, as a migration would; the app's role may not). */
  asOwner(sql: string, values?: unknown[]): Promise<any[]>;
  /** POSTs a GraphQL request; `token` goes in the Authorization header. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Creates a user with a role and returns it with a signed token. */
  user(role: Role, options?: { organizationCode?: string; sectors?: string[]; email?: string }): Promise<{ id: string; token: string }>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  clock?: Clock;
  plugins?: readonly SectorPlugin[];
  env?: Record<string, string>;
  onQuery?: (sql: string) => void;
  /** Another app's database (a second process on one PostgreSQL); it is not dropped on stop. */
  databaseUrl?: string;
  /** The channels' door into the lifecycle (core/channels/intake.ts); channel intake endpoints exist only with it. */
  intake?: StartOptions['intake'];
  /** The server's logger (default: silent); a test that reads the log passes its own. */
  logger?: StartOptions['logger'];
}

/** The test harness's own secret, passed explicitly: production code has none built in. */
export const TEST_JWT_SECRET = 'test-secret-at-least-16-chars';

let userCounter = 0;

/** Starts the real server on a free port, over a fresh copy of the template database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => {} }
    : await createScratchDatabase(inject('dbServerUrl'), 'cur_test', inject('dbTemplate'));
  const clock = options.clock ?? new ManualClock(new Date());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    // As in production: the API as a least-privilege role, migrations and grants as the owner.
    DATABASE_URL: urlAs(database.url, TEST_APP_ROLE, TEST_APP_ROLE_PASSWORD),
    DATABASE_MIGRATION_URL: database.url,
    DEMO: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    // Tests run the deadline watcher themselves (runDeadlineWatch); the job queue only where a test turns it on.
    DEADLINE_WATCH_INTERVAL_SECONDS: '0',
    // Likewise the analytics rollup: test/analytics/rollup.test.ts refreshes it itself.
    ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
    // And the notifications outbox: test/informing drains it itself (drainOutbox).
    NOTIFY_DELIVERY_INTERVAL_SECONDS: '0',
    // Many requests from one address and one user: the rate limits have their own test (test/hardening).
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    ...options.env,
  });
  const running = await startApp({
    config,
    plugins: options.plugins ?? allPlugins,
    clock,
    logger: options.logger ?? createLogger('silent'),
    onQuery: options.onQuery,
    intake: options.intake,
  });
  const em = () => running.app.orm.em.fork() as EntityManager;

  return {
    running,
    url: running.url,
    clock,
    databaseUrl: database.url,
    appDatabaseUrl: urlAs(database.url, TEST_APP_ROLE, TEST_APP_ROLE_PASSWORD),
    em,
    async asOwner(sql, values) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql, values)).rows;
      } finally {
        await client.end();
      }
    },
    async gql(query, variables, token) {
      const response = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    async user(role, userOptions = {}) {
      const email = userOptions.email ?? `user${++userCounter}.${role.toLowerCase()}@test.local`;
      const orgCode = userOptions.organizationCode ?? 'cur';
      const row = (await queryOne<{ id: string; organization_id: string | null }>(
        em(),
        sql`${insertInto('app_user', [
          {
            id: sql`gen_random_uuid()`,
            email,
            password_hash: '!',
            full_name: `Тест ${role}`,
            role,
            sectors: userOptions.sectors ?? [],
            organization_id: idWhere('organization', 'code', orgCode),
          },
        ])} returning id, organization_id`,
      ))!;
      const token = running.app.tokens.issue({ id: row.id, role, organizationId: row.organization_id, sectors: userOptions.sectors ?? [] }, clock.now());
      return { id: row.id, token };
    },
    async stop() {
      await running.stop();
      await database.drop();
    },
  };
}
