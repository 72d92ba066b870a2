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
  HTTP_BODY_LIMIT_MB: z.coerce.number().int().positive().max(256).default(16),
  // Hardening (README, "Hardening"): limits on what one request or one caller may ask.
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
});

export type Config = z.infer<typeof schema> & {
  /** Settings derived from the raw ones. */
  jwtSecret: string;
  /** True when no JWT_SECRET was given and the built-in development secret is used. */
  jwtSecretIsDefault: boolean;
  enabledPlugins: string[] | null;
  demo: boolean;
  introspection: boolean;
  graphiql: boolean;
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
    introspection: raw.INTROSPECTION === '1',
    graphiql: raw.GRAPHIQL === '1',
  };
}
