import type { MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { forbidden, unauthenticated } from '../errors/errors.js';
import type { Access } from './access-matrix.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The one access mechanism: a global middleware that checks every root field
 * against the access matrix before its resolver runs.
 */
export function accessGuard(matrix: Readonly<Record<string, Access>>): MiddlewareFn<RequestContext> {
  return async ({ info, context }, next) => {
    const parent = info.parentType.name;
    if (!ROOT_TYPES.has(parent)) return next();
    checkAccess(matrix[`${parent}.${info.fieldName}`], context);
    return next();
  };
}

/**
 * The decision itself, also taken where no resolver runs first (a
 * subscription's `subscribe`, which the middleware does not wrap).
 */
export function checkAccess(access: Access | undefined, context: Pick<RequestContext, 'user' | 'authError'>): void {
  if (access === 'PUBLIC') return;
  if (context.authError) throw context.authError;
  if (!context.user) throw unauthenticated();
  if (!access || !access.includes(context.user.role)) throw forbidden();
}
