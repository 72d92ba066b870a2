import type { Request } from 'express';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Who calls a channel endpoint (REST, not GraphQL). Today: the same bearer
 * JWT as GraphQL (a channel's service account has role INTEGRATION). When
 * API keys land (branch `auth`), this becomes
 * `authenticateRequest(app, { authorization, apiKey: X-Api-Key ?? ?api_key= })`,
 * Open311's `api_key` parameter included; nothing else changes.
 * Throws UNAUTHENTICATED for credentials that do not verify.
 */
export async function callerOf(app: AppServices, req: Request): Promise<AuthUser | null> {
  return app.tokens.fromHeader(req.headers.authorization, app.clock.now());
}
