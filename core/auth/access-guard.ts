import { GraphQLObjectType, defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { RequestContext } from './request-context.js';
import { forbidden, unauthenticated } from '../errors/errors.js';
import type { Access } from './access-matrix.js';

/**
 * The access decision for one root operation (`Query.appeals`) and one
 * caller, from the access matrix: PUBLIC passes; otherwise the caller must be
 * signed in and have a role in the row. No row: refused (fail closed).
 */
export function checkAccess(matrix: Readonly<Record<string, Access>>, operation: string, context: Pick<RequestContext, 'user' | 'authError'>): void {
  const access = matrix[operation];
  if (access === 'PUBLIC') return;
  if (context.authError) throw context.authError;
  if (!context.user) throw unauthenticated();
  if (!access || !access.includes(context.user.role)) throw forbidden(`Недостаточно прав: операция ${operation} недоступна роли ${context.user.role}`);
}

type Resolver = GraphQLFieldResolver<unknown, RequestContext>;

function guarded(matrix: Readonly<Record<string, Access>>, operation: string, resolve: Resolver): Resolver {
  return (source, args, context, info) => {
    if (!context.resolveCaller) {
      checkAccess(matrix, operation, context);
      return resolve(source, args, context, info);
    }
    return context.resolveCaller(context).then(() => {
      checkAccess(matrix, operation, context);
      return resolve(source, args, context, info);
    });
  };
}

/**
 * The one access mechanism: every root field (Query, Mutation, Subscription,
 * plugins' included) is checked against the access matrix before its
 * resolver runs; a subscription is checked before its stream opens and again
 * on each event. Only root fields are wrapped: a type-graphql global
 * middleware would run on every field of every object in an answer (a page
 * of 50 appeals is a thousand fields), turn each into promises, and cost more
 * than the query itself.
 */
export function guardRootFields(schema: GraphQLSchema, matrix: Readonly<Record<string, Access>>): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const field of Object.values(type.getFields())) {
      const operation = `${type.name}.${field.name}`;
      field.resolve = guarded(matrix, operation, (field.resolve ?? defaultFieldResolver) as Resolver);
      if (field.subscribe) field.subscribe = guarded(matrix, operation, field.subscribe as Resolver);
    }
  }
  return schema;
}
