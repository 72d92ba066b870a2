import type { Request } from 'express';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticateRequest } from '../auth/authenticate.js';

const first = (value: unknown): string | null => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : null;
};

/**
 * Who calls a channel endpoint (REST, not GraphQL): the same credentials as
 * GraphQL — a bearer JWT, or a channel's API key (`Authorization: ApiKey`,
 * `X-Api-Key`, or Open311's `api_key` parameter), which acts as role
 * INTEGRATION. Throws UNAUTHENTICATED for credentials that do not verify.
 */
export async function callerOf(app: AppServices, req: Request): Promise<AuthUser | null> {
  const apiKey = first(req.headers['x-api-key']) ?? first(req.query?.api_key) ?? first((req.body as Record<string, unknown> | undefined)?.api_key);
  return authenticateRequest(app, { authorization: first(req.headers.authorization), apiKey });
}
