import { z } from 'zod';

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
  enabledPlugins: string[] | null;
  demo: boolean;
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
  return {
    ...raw,
    jwtSecret: raw.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtSecretIsDefault: !raw.JWT_SECRET,
    enabledPlugins: raw.PLUGINS ? raw.PLUGINS.split(',').map((s) => s.trim()).filter(Boolean) : null,
    demo: raw.DEMO ? raw.DEMO === '1' : !raw.DATABASE_URL,
    ratingWeights: { ...DEFAULT_RATING_WEIGHTS, ...stripUndefined(raw.RATING_WEIGHTS ?? {}) },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
