import type { RequestContext } from './request-context.js';
import { unauthenticated } from '../errors/errors.js';
import type { AuthUser } from './auth-user.js';

/** The authenticated caller; the access guard has already refused anonymous calls. */
export function requireUser(ctx: RequestContext): AuthUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}
