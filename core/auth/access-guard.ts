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
    const access = matrix[`${parent}.${info.fieldName}`];
    if (access === 'PUBLIC') return next();
    if (context.authError) throw context.authError;
    if (!context.user) throw unauthenticated();
    if (!access || !access.includes(context.user.role)) throw forbidden();
    return next();
  };
}
