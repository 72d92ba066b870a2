import { z } from 'zod';
import { mergeDeadlinePolicy, type DeadlinePolicy } from '../deadlines/deadline-rules.js';
import { JWT_ALGORITHMS, KeyConfigError, resolveJwtKeys, type JwtKeys } from '../auth/jwt-keys.js';

/**
 * Every setting the server reads from the environment, with its default.
 * The configuration table (docs/configuration.md) is written from this list; a malformed
 * value stops start-up with one line that names the variable.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  JWT_SECRET: z.string().min(16).optional(),
  JWT_ISSUER: z.string().min(1).default('cur-api'),
  JWT_AUDIENCE: z.string().min(1).default('cur-api'),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  JWT_ALGORITHM: z.enum(JWT_ALGORITHMS).default('HS256'),
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  LOGIN_BLOCK_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  PLUGINS: z.string().optional(),
  DEMO: z.enum(['0', '1']).optional(),
  DEMO_APPEALS: z.coerce.number().int().min(0).default(3000),
  REGION_CODE: z.string().regex(/^\d{2}$/).default('12'),
  TIME_ZONE: z.string().min(1).default('Europe/Moscow'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  HTTP_BODY_LIMIT_MB: z.coerce.number().int().positive().max(256).default(16),
  // The calibrated sector probability the committed structuring model showed ≥ 97% right sectors from (core/structuring/model, a test keeps them equal).
  STRUCTURING_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.73),
  REPEAT_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  SATISFACTION_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SATISFACTION_LINK_BASE: z.string().url().optional(),
  DEADLINE_POLICY: z.string().optional(),
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
  ANALYTICS_WORK_MEM: z.string().regex(/^\d+(kB|MB|GB)$/, 'a PostgreSQL size such as 64MB').default('64MB'),
  // The analytics rollup (core/analytics/rollup): how often the refresh job rebuilds changed months; 0: not in this process.
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  RATING_PRIOR_WEIGHT: z.coerce.number().min(0).default(20),
  RATING_MIN_APPEALS: z.coerce.number().int().min(0).default(5),
  SATISFACTION_NEGATIVE_MAX: z.coerce.number().int().min(1).max(4).default(2),
  WORKLOAD_NORM_OPEN_PER_SPECIALIST: z.coerce.number().positive().default(40),
  PROBLEM_MIN_APPEALS: z.coerce.number().int().min(2).default(5),
  BOILERPLATE_MIN_APPEALS: z.coerce.number().int().min(2).default(5),
});

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

export type Config = z.infer<typeof schema> & {
  /** Settings derived from the raw ones. */
  jwtSecret: string;
  /** True when no JWT_SECRET was given and the built-in development secret is used. */
  jwtSecretIsDefault: boolean;
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
};

export class ConfigError extends Error {}

const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
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
  if (raw.EVENT_BUS === 'redis' && !raw.REDIS_URL) throw new ConfigError('Invalid configuration: EVENT_BUS: redis needs REDIS_URL');
  let jwtKeys: JwtKeys;
  try {
    jwtKeys = resolveJwtKeys(raw, DEV_JWT_SECRET);
  } catch (error) {
    if (error instanceof KeyConfigError) throw new ConfigError(`Invalid configuration: ${error.variable}: ${error.message}`);
    throw error;
  }
  return {
    ...raw,
    jwtSecret: raw.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtSecretIsDefault: jwtKeys.algorithm === 'HS256' && !raw.JWT_SECRET,
    jwtKeys,
    enabledPlugins: raw.PLUGINS ? raw.PLUGINS.split(',').map((s) => s.trim()).filter(Boolean) : null,
    demo: raw.DEMO ? raw.DEMO === '1' : !raw.DATABASE_URL,
    deadlinePolicy,
    eventBus: raw.EVENT_BUS ?? (raw.REDIS_URL ? 'redis' : 'pg'),
    introspection: raw.INTROSPECTION === '1',
    graphiql: raw.GRAPHIQL === '1',
    ratingWeights: { ...DEFAULT_RATING_WEIGHTS, ...stripUndefined(raw.RATING_WEIGHTS ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
