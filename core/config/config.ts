import { z } from 'zod';
import { mergeDeadlinePolicy, type DeadlinePolicy } from '../deadlines/deadline-rules.js';

/**
 * Every setting the server reads from the environment, with its default.
 * The README's configuration table is written from this list; a malformed
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
  PLUGINS: z.string().optional(),
  DEMO: z.enum(['0', '1']).optional(),
  DEMO_APPEALS: z.coerce.number().int().min(0).default(3000),
  REGION_CODE: z.string().regex(/^\d{2}$/).default('12'),
  TIME_ZONE: z.string().min(1).default('Europe/Moscow'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  HTTP_BODY_LIMIT_MB: z.coerce.number().int().positive().max(256).default(16),
  STRUCTURING_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  REPEAT_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  SATISFACTION_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SATISFACTION_LINK_BASE: z.string().url().optional(),
  DEADLINE_POLICY: z.string().optional(),
  // Live updates: the bus that carries committed events between processes.
  EVENT_BUS: z.enum(['pg', 'redis', 'local']).optional(),
  REDIS_URL: z.string().url().optional(),
  WS_MAX_QUEUE: z.coerce.number().int().positive().default(1000),
  DEADLINE_WATCH_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
});

export type Config = z.infer<typeof schema> & {
  /** Settings derived from the raw ones. */
  jwtSecret: string;
  /** True when no JWT_SECRET was given and the built-in development secret is used. */
  jwtSecretIsDefault: boolean;
  enabledPlugins: string[] | null;
  demo: boolean;
  /** The deadline defaults of DOMAIN.md with the overrides of DEADLINE_POLICY (JSON). */
  deadlinePolicy: DeadlinePolicy;
  /** EVENT_BUS, or redis when only REDIS_URL is given, else pg. */
  eventBus: 'pg' | 'redis' | 'local';
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
  return {
    ...raw,
    jwtSecret: raw.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtSecretIsDefault: !raw.JWT_SECRET,
    enabledPlugins: raw.PLUGINS ? raw.PLUGINS.split(',').map((s) => s.trim()).filter(Boolean) : null,
    demo: raw.DEMO ? raw.DEMO === '1' : !raw.DATABASE_URL,
    deadlinePolicy,
    eventBus: raw.EVENT_BUS ?? (raw.REDIS_URL ? 'redis' : 'pg'),
  };
}
