import { z } from 'zod';
import { mergeDeadlinePolicy, type DeadlinePolicy } from '../deadlines/deadline-rules.js';
import { JWT_ALGORITHMS, KeyConfigError, resolveJwtKeys, type JwtKeys } from '../auth/jwt-keys.js';
import { loadOrCreateSecret } from './generated-secret.js';
import { DEFAULT_REGION_PACK, readRegionInfo, RegionPackError } from '../region/region-files.js';

/**
 * Every setting the server reads from the environment, with its default.
 * The configuration table (docs/configuration.md) is written from this list; a malformed
 * value stops start-up with one line that names the variable.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  // The owner's connection: migrations and grants run with it, the API with DATABASE_URL (docs/security.md).
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  // A streaming replica: analytics, reports and list pages read there (core/db/read-routing.ts).
  DATABASE_READ_URL: z.string().url().optional(),
  // API processes `npm start` runs on one port (Node's cluster); they share the database, its job queue and event bus.
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  DATA_DIR: z.string().min(1).default('./.data'),
  JWT_SECRET: z.string().min(16).optional(),
  JWT_ISSUER: z.string().min(1).default('cur-api'),
  JWT_AUDIENCE: z.string().min(1).default('cur-api'),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  JWT_ALGORITHM: z.enum(JWT_ALGORITHMS).default('HS256'),
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  LOGIN_BLOCK_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  PLUGINS: z.string().optional(),
  DEMO: z.enum(['0', '1']).optional(),
  // Demo appeals are made through the lifecycle, step by step (core/seed/demo-appeals.ts): a thousand keep the first start short.
  DEMO_APPEALS: z.coerce.number().int().min(0).default(1000),
  // The region served (docs/regions.md): a folder path or a pack code; REGION_CODE and TIME_ZONE override its region.json.
  REGION_PACK: z.string().min(1).default(DEFAULT_REGION_PACK),
  REGION_CODE: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  TIME_ZONE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  HTTP_BODY_LIMIT_MB: z.coerce.number().int().positive().max(256).default(16),
  // The calibrated sector probability the committed structuring model showed ≥ 97% right sectors from (core/structuring/model, a test keeps them equal).
  STRUCTURING_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.73),
  REPEAT_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  SATISFACTION_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SATISFACTION_LINK_BASE: z.string().url().optional(),
  // Report files opened from a plain link (mutation reportDownloadLink): how long a signed link works.
  REPORT_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .max(7 * 86_400)
    .default(15 * 60),
  // The API's public address, for links it hands out (report downloads); without it they are paths.
  PUBLIC_URL: z.string().url().optional(),
  DEADLINE_POLICY: z.string().optional(),
  // Surveys (core/surveys): one-use answer links and live results.
  SURVEY_LINK_BASE: z.string().url().optional(),
  SURVEY_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SURVEY_LINKS_MAX: z.coerce.number().int().positive().max(100_000).default(10_000),
  SURVEY_LIVE_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
  // Live updates: the bus that carries committed events between processes.
  EVENT_BUS: z.enum(['pg', 'redis', 'local']).optional(),
  REDIS_URL: z.string().url().optional(),
  WS_MAX_QUEUE: z.coerce.number().int().positive().default(1000),
  WS_REAUTH_SECONDS: z.coerce.number().int().min(0).default(30),
  DEADLINE_WATCH_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  // Hardening (docs/hardening.md): limits on what one request or one caller may ask.
  MAX_PAGE_SIZE: z.coerce.number().int().positive().default(500),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(200_000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(10),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  INTROSPECTION: z.enum(['0', '1']).default('1'),
  GRAPHIQL: z.enum(['0', '1']).default('1'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  TRUST_PROXY: z.string().optional(),
  // Free text in GraphQL arguments (core/graphql/input-bounds.ts): longer is BAD_USER_INPUT before any SQL.
  INPUT_MAX_SEARCH_LENGTH: z.coerce.number().int().positive().default(200),
  INPUT_MAX_TEXT_LENGTH: z.coerce.number().int().positive().default(20_000),
  INPUT_MAX_STRING_LENGTH: z.coerce.number().int().positive().default(1000),
  // PostgreSQL time limits of the API's statements (0: none). Migrations run without one.
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  ANALYTICS_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  // Open311 reads without a key (GeoReport v2 public requests), per client address; 0 turns the limit off.
  OPEN311_PUBLIC_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  // Uploaded spreadsheets (core/channels/adapters/spreadsheet-limits.ts): a ZIP bomb is refused before it is read.
  XLSX_MAX_UNPACKED_MB: z.coerce.number().int().positive().max(4095).default(200),
  XLSX_MAX_COMPRESSION_RATIO: z.coerce.number().int().positive().default(100),
  XLSX_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  XLSX_MAX_CELLS: z.coerce.number().int().positive().default(2_000_000),
  // Analytics (core/analytics): ratings, workload, problems, conflicts.
  RATING_WEIGHTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        return ratingWeightsSchema.parse(JSON.parse(value));
      } catch {
        ctx.addIssue({ code: 'custom', message: `a JSON object of non-negative weights of ${RATING_PARTS.join(', ')}` });
        return z.NEVER;
      }
    }),
  ANALYTICS_WORK_MEM: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'a PostgreSQL size such as 64MB')
    .default('64MB'),
  // The analytics rollup (core/analytics/rollup): how often the refresh job rebuilds changed months; 0: not in this process.
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  RATING_PRIOR_WEIGHT: z.coerce.number().min(0).default(20),
  RATING_MIN_APPEALS: z.coerce.number().int().min(0).default(5),
  SATISFACTION_NEGATIVE_MAX: z.coerce.number().int().min(1).max(4).default(2),
  WORKLOAD_NORM_OPEN_PER_SPECIALIST: z.coerce.number().positive().default(40),
  PROBLEM_MIN_APPEALS: z.coerce.number().int().min(2).default(5),
  BOILERPLATE_MIN_APPEALS: z.coerce.number().int().min(2).default(5),
  // ANSWER_QUALITY judges a body only with at least this many answers in the period (core/recommendations).
  ANSWER_QUALITY_MIN_ANSWERS: z.coerce.number().int().min(1).default(10),
  // Official pages, recommendations, best practices (core/official-pages, core/recommendations).
  OFFICIAL_PAGE_SILENT_DAYS: z.coerce.number().int().min(1).default(14),
  BEST_PRACTICE_MIN_APPEALS: z.coerce.number().int().min(1).default(20),
  // Informing and notices (core/announcements, core/notifications; docs/informing.md).
  NOTIFY_CHANNELS: z
    .string()
    .default('dry-run')
    .refine(
      (value) =>
        value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((c) => NOTIFY_CHANNEL_NAMES.includes(c as never)),
      {
        message: 'a comma-separated list of email, sms, pos, official-page, dry-run',
      },
    ),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('ЦУР <noreply@cur.local>'),
  SMS_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_LINK_BASE: z.string().url().optional(),
  NOTIFY_DELIVERY_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(5),
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  // SMTP connections the e-mail channel keeps open (nodemailer's pool); twice as many messages are in flight.
  NOTIFY_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(10),
  // Webhook (SMS) requests in flight at once.
  NOTIFY_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).default(30),
  NOTIFY_LEASE_SECONDS: z.coerce.number().int().min(10).default(600),
  NOTIFY_AUDIENCE_DAYS: z.coerce.number().int().min(1).default(365),
});

/** Delivery channels NOTIFY_CHANNELS may name (core/notifications). */
export const NOTIFY_CHANNEL_NAMES = ['email', 'sms', 'pos', 'official-page', 'dry-run'] as const;

/** The parts of a rating score (DOMAIN.md, "Ratings and KPIs"; the decree, clause 9). */
export const RATING_PARTS = ['quantity', 'timeliness', 'quality', 'speed', 'completeness', 'satisfaction', 'repeats'] as const;
export type RatingPart = (typeof RATING_PARTS)[number];

/** [param] Default weights; RATING_WEIGHTS overrides any of them. */
export const DEFAULT_RATING_WEIGHTS: Record<RatingPart, number> = {
  quantity: 0.1,
  timeliness: 0.25,
  quality: 0.15,
  speed: 0.1,
  completeness: 0.15,
  satisfaction: 0.15,
  repeats: 0.1,
};

const ratingWeightsSchema = z
  .object(Object.fromEntries(RATING_PARTS.map((part) => [part, z.number().min(0).optional()])) as Record<RatingPart, z.ZodOptional<z.ZodNumber>>)
  .strict();

export type Config = Omit<z.infer<typeof configSchema>, 'REGION_CODE' | 'TIME_ZONE'> & {
  /** REGION_CODE, else the pack's `registrationCode`: the start of registration numbers (`12-2026-0000001`). */
  REGION_CODE: string;
  /** TIME_ZONE, else the pack's `timeZone`. */
  TIME_ZONE: string;
  /** Settings derived from the raw ones. */
  /**
   * The deployment's one secret: JWT_SECRET, or (embedded mode, or not production) the one
   * generated in DATA_DIR. It signs HS256 sign-in tokens and is the root every purpose key
   * (rating links, ...) is derived from (core/auth/purpose-keys.ts), whatever JWT_ALGORITHM.
   */
  rootSecret: string;
  /** Where rootSecret comes from: `JWT_SECRET`, or the path of the generated file. */
  rootSecretSource: string;
  /** The signing and verification keys of JWT_ALGORITHM. */
  jwtKeys: JwtKeys;
  enabledPlugins: string[] | null;
  demo: boolean;
  /** The deadline defaults of DOMAIN.md with the overrides of DEADLINE_POLICY (JSON). */
  deadlinePolicy: DeadlinePolicy;
  /** EVENT_BUS, or redis when only REDIS_URL is given, else pg. */
  eventBus: 'pg' | 'redis' | 'local';
  introspection: boolean;
  graphiql: boolean;
  ratingWeights: Record<RatingPart, number>;
  /** NOTIFY_CHANNELS as a list. */
  notifyChannels: (typeof NOTIFY_CHANNEL_NAMES)[number][];
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name}: ${issue.message}`);
  }
  const raw = parsed.data;
  let deadlinePolicy: DeadlinePolicy;
  try {
    deadlinePolicy = mergeDeadlinePolicy(raw.DEADLINE_POLICY ? JSON.parse(raw.DEADLINE_POLICY) : {});
  } catch (error) {
    const detail = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message;
    throw new ConfigError(`Invalid configuration: DEADLINE_POLICY: ${detail}`);
  }
  if (raw.DATABASE_READ_URL && !raw.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_READ_URL: needs DATABASE_URL (the primary)');
  if (raw.API_PROCESSES > 1 && !raw.DATABASE_URL)
    throw new ConfigError('Invalid configuration: API_PROCESSES: several processes need DATABASE_URL (one embedded PostgreSQL belongs to one process)');
  if (raw.DATABASE_MIGRATION_URL && !raw.DATABASE_URL)
    throw new ConfigError('Invalid configuration: DATABASE_MIGRATION_URL: needs DATABASE_URL (the role the API connects as)');
  const notifyChannels = raw.NOTIFY_CHANNELS.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (notifyChannels.includes('email') && !raw.SMTP_URL) throw new ConfigError('Invalid configuration: NOTIFY_CHANNELS: email needs SMTP_URL');
  if (notifyChannels.includes('sms') && !raw.SMS_WEBHOOK_URL) throw new ConfigError('Invalid configuration: NOTIFY_CHANNELS: sms needs SMS_WEBHOOK_URL');
  let region;
  try {
    region = readRegionInfo(raw.REGION_PACK);
  } catch (error) {
    if (error instanceof RegionPackError) throw new ConfigError(`Invalid configuration: REGION_PACK: ${error.message}`);
    throw error;
  }
  if (raw.EVENT_BUS === 'redis' && !raw.REDIS_URL) throw new ConfigError('Invalid configuration: EVENT_BUS: redis needs REDIS_URL');
  // No secret in the code: a deployment on its own server must bring one; the embedded
  // (zero-configuration) mode makes one of its own, kept in DATA_DIR (docs/security.md).
  const mustConfigure = Boolean(raw.DATABASE_URL) && raw.NODE_ENV === 'production';
  if (!raw.JWT_SECRET && mustConfigure) {
    throw new ConfigError(
      `Invalid configuration: JWT_SECRET: required with DATABASE_URL (at least 16 characters; e.g. \`openssl rand -base64 48\`${raw.JWT_ALGORITHM === 'HS256' ? '' : `; with ${raw.JWT_ALGORITHM} it is the secret links are signed with`})`,
    );
  }
  const generated = raw.JWT_SECRET ? null : loadOrCreateSecret(raw.DATA_DIR);
  const rootSecret = raw.JWT_SECRET ?? generated!.secret;
  let jwtKeys: JwtKeys;
  try {
    jwtKeys = resolveJwtKeys({ ...raw, JWT_SECRET: rootSecret });
  } catch (error) {
    if (error instanceof KeyConfigError) throw new ConfigError(`Invalid configuration: ${error.variable}: ${error.message}`);
    throw error;
  }
  return {
    ...raw,
    rootSecret,
    rootSecretSource: generated ? generated.file : 'JWT_SECRET',
    REGION_CODE: raw.REGION_CODE ?? region.registrationCode,
    TIME_ZONE: raw.TIME_ZONE ?? region.timeZone,
    jwtKeys,
    enabledPlugins: raw.PLUGINS
      ? raw.PLUGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : null,
    demo: raw.DEMO ? raw.DEMO === '1' : !raw.DATABASE_URL,
    deadlinePolicy,
    eventBus: raw.EVENT_BUS ?? (raw.REDIS_URL ? 'redis' : 'pg'),
    introspection: raw.INTROSPECTION === '1',
    graphiql: raw.GRAPHIQL === '1',
    ratingWeights: { ...DEFAULT_RATING_WEIGHTS, ...stripUndefined(raw.RATING_WEIGHTS ?? {}) },
    notifyChannels: notifyChannels as Config['notifyChannels'],
  };
}

/** What `npm run migrate` needs: the database settings alone (no secret: it signs nothing). */
export function loadMigrationConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = configSchema.pick({ DATABASE_URL: true, DATABASE_MIGRATION_URL: true, DATA_DIR: true, LOG_LEVEL: true }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  }
  return parsed.data;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
