import { accountOf, authenticateRequest, type AuthenticateServices, type Credentials } from './authenticate.js';
import type { AuthUser } from './auth-user.js';
import { checkMoments } from './token.service.js';
import { unauthenticated } from '../errors/errors.js';

/**
 * What a WebSocket keeps to check its caller again (every operation, every
 * WS_REAUTH_SECONDS). For a token: its account, version and moments (expiry,
 * not-before), not its text — the signature of a given text cannot change,
 * so what is checked again is what can: the clock against the expiry, and
 * the account (deactivated, password or role changed) in the database, as
 * `authenticateRequest` does on every HTTP request. For an API key (rare on
 * a socket: integrations may not subscribe): the credentials as sent, since
 * a revocation is only seen by looking the key up again.
 */
export type HeldCredentials = HeldToken | HeldKey;

interface HeldToken {
  readonly userId: string;
  readonly tokenVersion: number;
  readonly expiresAt: number;
  readonly notBefore: number | null;
}

interface HeldKey {
  readonly credentials: Credentials;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** The caller of a new socket, and what the socket keeps to check it again; null for none (anonymous). */
export async function authenticateSocket(app: AuthenticateServices, credentials: Credentials): Promise<{ user: AuthUser; held: HeldCredentials } | null> {
  const bearer = credentials.apiKey?.trim() ? null : BEARER.exec(credentials.authorization?.trim() ?? '');
  if (!bearer) {
    // API keys, and whatever authenticateRequest refuses, as it does.
    const user = await authenticateRequest(app, credentials);
    return user ? { user, held: { credentials: { authorization: credentials.authorization ?? null, apiKey: credentials.apiKey ?? null } } } : null;
  }
  const entry = app.tokens.verifyOnce(bearer[1], app.clock.now());
  const user = await accountOf(app, entry.verified.user.id, entry.verified.tokenVersion);
  return { user, held: { userId: user.id, tokenVersion: entry.verified.tokenVersion, expiresAt: entry.expiresAt, notBefore: entry.notBefore } };
}

/** The socket's caller now: UNAUTHENTICATED when the token expired, the account was deactivated or changed, or the key was revoked. */
export async function recheckSocket(app: AuthenticateServices, held: HeldCredentials): Promise<AuthUser> {
  if ('credentials' in held) {
    const user = await authenticateRequest(app, held.credentials);
    if (!user) throw unauthenticated('Нет учётных данных');
    return user;
  }
  checkMoments(held, Math.floor(app.clock.now().getTime() / 1000));
  return accountOf(app, held.userId, held.tokenVersion);
}
