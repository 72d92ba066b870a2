import type { MiddlewareFn } from 'type-graphql';
import { GraphQLObjectType, defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../graphql/context.js';
import { forbidden, unauthenticated } from '../errors/errors.js';
import type { Access } from './access-matrix.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The access decision for one root operation (`Query.appeals`) and one
 * caller, from the access matrix: PUBLIC passes; otherwise the caller must be
 * signed in and have a role in the row. No row: refused (fail closed).
 */
export function checkAccess(
  matrix: Readonly<Record<string, Access>>,
  operation: string,
  context: Pick<RequestContext, 'user' | 'authError'>,
): void {
  const access = matrix[operation];
  if (access === 'PUBLIC') return;
  if (context.authError) throw context.authError;
  if (!context.user) throw unauthenticated();
  if (!access || !access.includes(context.user.role)) throw forbidden(`Недостаточно прав: операция ${operation} недоступна роли ${context.user.role}`);
}

/**
 * The one access mechanism: a global middleware that checks every root field
 * against the access matrix before its resolver runs.
 */
export function accessGuard(matrix: Readonly<Record<string, Access>>): MiddlewareFn<RequestContext> {
  return async ({ info, context }, next) => {
    const parent = info.parentType.name;
    if (!ROOT_TYPES.has(parent)) return next();
    checkAccess(matrix, `${parent}.${info.fieldName}`, context);
    return next();
  };
}

/**
 * type-graphql runs global middlewares on a subscription's `resolve` (each
 * event) but not on its `subscribe`: without this, a refused role could
 * still open the stream. Wraps every Subscription field's `subscribe` with
 * the same check, so the stream is refused before it starts.
 */
export function guardSubscriptions(schema: GraphQLSchema, matrix: Readonly<Record<string, Access>>): GraphQLSchema {
  const type = schema.getSubscriptionType();
  if (!(type instanceof GraphQLObjectType)) return schema;
  for (const field of Object.values(type.getFields())) {
    const subscribe = (field.subscribe ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, RequestContext>;
    const operation = `Subscription.${field.name}`;
    field.subscribe = (source, args, context, info) => {
      checkAccess(matrix, operation, context);
      return subscribe(source, args, context, info);
    };
  }
  return schema;
}
