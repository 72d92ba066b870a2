import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock/clock.js';
import type { TokenService } from './token.service.js';
import type { Role } from '../entities/enums.js';
import { unauthenticated } from '../errors/errors.js';
import type { AuthUser } from './auth-user.js';
import { authenticateApiKey } from './api-key.service.js';
import { pgQuery } from '../db/pg-query.js';
import { sharedRole, sharedSectors, sharedText } from './account-parts.js';

/** What a request may carry to say who it is. */
export interface Credentials {
  /** `Bearer <JWT>` or `ApiKey <key>`. */
  authorization?: string | null;
  /** The `X-Api-Key` header. */
  apiKey?: string | null;
}

interface UserRow {
  id: string;
  role: Role;
  organization_id: string | null;
  sectors: string[];
  active: boolean;
  token_version: number;
  /** reference_version's counters by table, read by the same statement (see `AuthenticateOptions`). */
  reference_versions: Record<string, string> | null;
}

/** What a caller may take from the authentication statement besides the user. */
export interface AuthenticateOptions {
  /**
   * Called with the reference tables' change counters (reference_version),
   * read by the same statement as the account of a token: a request that
   * hands them to its loaders (`Loaders.knowReferenceVersions`) reads its
   * reference rows without a statement of its own for the counters.
   */
  referenceVersions?: (versions: ReadonlyMap<string, string>) => void;
}

/**
 * The account of a token, and the reference counters in the same round trip
 * (a named statement: parsed and planned once per connection).
 */
const ACCOUNT_SQL = `select id, role, organization_id, sectors, active, token_version,
  (select json_object_agg(table_name, version::text) from reference_version) as reference_versions
  from app_user where id = $1`;

/**
 * The one authentication step for HTTP and WebSocket: null for an anonymous
 * request, the caller for valid credentials, UNAUTHENTICATED otherwise.
 *
 * A token is checked against the database on every request (one lookup by
 * primary key): a deactivated user, or a token older than the user's last
 * password or role change (`ver` behind `token_version`), is refused at
 * once, in every process. Role, organization and sectors come from that row,
 * not from the token.
 */
/** What authenticating a caller uses of the app's services. */
export interface AuthenticateServices {
  orm: MikroORM;
  clock: Clock;
  tokens: TokenService;
}

export async function authenticateRequest(app: AuthenticateServices, credentials: Credentials, options: AuthenticateOptions = {}): Promise<AuthUser | null> {
  const authorization = credentials.authorization?.trim() || null;
  const apiKey = credentials.apiKey?.trim() || null;
  if (authorization && apiKey) throw unauthenticated('Передайте либо Authorization, либо X-Api-Key, не оба');
  if (apiKey) return keyUser(app, apiKey);
  if (!authorization) return null;

  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return tokenUser(app, bearer[1], options);
  const key = /^ApiKey\s+(\S+)$/i.exec(authorization);
  if (key) return keyUser(app, key[1]);
  throw unauthenticated('Ожидается заголовок Authorization: Bearer <токен> или ApiKey <ключ>');
}

async function keyUser(app: AuthenticateServices, key: string): Promise<AuthUser> {
  const user = await authenticateApiKey(app.orm.em, key, app.clock);
  if (!user) throw unauthenticated('Недействительный или отозванный ключ API');
  return user;
}

async function tokenUser(app: AuthenticateServices, token: string, options: AuthenticateOptions): Promise<AuthUser> {
  const verified = app.tokens.verify(token, app.clock.now());
  return accountOf(app, verified.user.id, verified.tokenVersion, options);
}

/**
 * The account behind a verified token, from the database: refused when it
 * was deactivated or the token is older than its last password or role
 * change. The role, organization id and sectors are the shared values
 * (account-parts.ts): callers with the same ones hold one copy. The same
 * statement reads the reference counters for `options.referenceVersions`.
 */
export async function accountOf(app: AuthenticateServices, userId: string, tokenVersion: number, options: AuthenticateOptions = {}): Promise<AuthUser> {
  const [row] = await pgQuery<UserRow>(app.orm.em, ACCOUNT_SQL, [userId], { prepared: true });
  if (!row || !row.active || row.token_version !== tokenVersion) {
    throw unauthenticated('Токен отозван или учётная запись отключена; войдите снова');
  }
  if (options.referenceVersions) options.referenceVersions(new Map(Object.entries(row.reference_versions ?? {})));
  return { id: row.id, role: sharedRole(row.role), organizationId: sharedText(row.organization_id), sectors: sharedSectors(row.sectors ?? []) };
}
