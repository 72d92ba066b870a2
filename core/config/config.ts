import { z } from 'zod';
import { mergeDeadlinePolicy, type DeadlinePolicy } from '../deadlines/deadline-rules.js';
import { KeyConfigError, resolveJwtKeys, type JwtKeys } from './jwt-keys.js';
import { loadOrCreateSecret } from './generated-secret.js';
import { readRegionInfo, RegionPackError } from '../region/region-files.js';
import { serverSettings } from './server.settings.js';
import { authSettings } from './auth.settings.js';
import { appealSettings } from './appeals.settings.js';
import { surveySettings } from './surveys.settings.js';
import { liveSettings } from './live.settings.js';
import { hardeningSettings } from './hardening.settings.js';
import { analyticsSettings, DEFAULT_RATING_WEIGHTS, type RatingPart } from './analytics.settings.js';
import { informingSettings, type NOTIFY_CHANNEL_NAMES } from './informing.settings.js';

/**
 * Every setting the server reads from the environment, with its default:
 * one file per group of settings (`*.settings.ts` beside this one).
 * The configuration table (docs/configuration.md) is written from this list; a malformed
 * value stops start-up with one line that names the variable.
 */
export const configSchema = z.object({
  ...serverSettings,
  ...authSettings,
  ...appealSettings,
  ...surveySettings,
  ...liveSettings,
  ...hardeningSettings,
  ...analyticsSettings,
  ...informingSettings,
});

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
