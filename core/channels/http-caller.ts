import type { Request } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticateRequest, type AuthenticateServices } from '../auth/authenticate.js';

const first = (value: unknown): string | null => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : null;
};

/** Where a key may come as a parameter: GeoReport v2 (Open311) defines `api_key` so; nowhere else. */
const OPEN311_BASE = '/open311/';

/**
 * Who calls a channel endpoint (REST, not GraphQL): the same credentials as
 * GraphQL — a bearer JWT, or a channel's API key (`Authorization: ApiKey`,
 * `X-Api-Key`), which acts as role INTEGRATION. Open311's `api_key`
 * parameter (query or form) is read only on the Open311 routes, where the
 * standard requires it, and only when no header names the caller. Elsewhere
 * a key in a URL would end up in proxies' and browsers' logs and histories:
 * it is ignored there. Throws UNAUTHENTICATED for credentials that do not verify.
 */
export async function callerOf(app: AuthenticateServices, req: Request): Promise<AuthUser | null> {
  const authorization = first(req.headers.authorization);
  const headerKey = first(req.headers['x-api-key']);
  const open311 = `${req.baseUrl}/`.startsWith(OPEN311_BASE);
  const paramKey =
    authorization || headerKey || !open311 ? null : (first(req.query?.api_key) ?? first((req.body as Record<string, unknown> | undefined)?.api_key));
  return authenticateRequest(app, { authorization, apiKey: headerKey ?? paramKey });
}
