import type { GatewayInterface, GatewayExecutor } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { GraphQLError, getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';

/** Documents kept compiled (each one is JavaScript generated for that query). */
const COMPILED_DOCUMENTS = 1_000;

/**
 * Executes operations with graphql-jit instead of graphql-js: each document
 * (after Apollo has parsed and validated it, limits included) is compiled
 * once into a function that resolves and assembles the result without
 * graphql-js's per-field interpretation, into plain objects that
 * JSON.stringify takes by its fast path. Resolvers, errors and their codes are
 * the same. Plugged in through Apollo's gateway interface, its documented
 * hook for a custom executor; subscriptions (graphql-ws) keep graphql-js.
 */
export function jitExecutor(schema: GraphQLSchema): GatewayInterface {
  const compiled = new LRUCache<string, CompiledQuery | ExecutionResult>({ max: COMPILED_DOCUMENTS });
  const executor: GatewayExecutor = async (request) => {
    if (!request.operation) {
      // No operation of that name (or several and no name): Apollo answers this 400 OPERATION_RESOLUTION_FAILURE.
      const message = request.operationName
        ? `Unknown operation named "${request.operationName}".`
        : 'Must provide operation name if query contains multiple operations.';
      return { errors: [new GraphQLError(message)] };
    }
    const key = `${request.queryHash}:${request.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      query = compileQuery(schema, request.document, request.operationName ?? undefined);
      compiled.set(key, query);
    }
    if (!isCompiledQuery(query)) return withExtensions(query);
    const variables = request.request.variables ?? {};
    const result = withExtensions((await query.query(undefined, request.context, variables)) as ExecutionResult);
    if (result.data === undefined && result.errors?.length) {
      // graphql-jit refused the variables: answer graphql-js's own errors (and so Apollo's BAD_USER_INPUT for them).
      // Only then, so that a big input (an import of 10,000 rows) is coerced once.
      const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables);
      if (coerced.errors) return { errors: coerced.errors };
      // graphql-js accepts them: graphql-jit 0.8.9 does not fill an input object's defaulted fields
      // (`orderBy: { field: NUMBER }` without `direction`). Run again with graphql-js's values, defaults in.
      return withExtensions((await query.query(undefined, request.context, coerced.coerced)) as ExecutionResult);
    }
    return result;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}

/**
 * graphql-jit builds its errors without `extensions` (graphql-js always sets
 * an object): Apollo's error formatting then fails on them ("Internal server
 * error", never logged, no code). Each becomes a GraphQLError as graphql-js
 * would make it: the resolver's own error as `originalError` (its code kept),
 * the path and locations of the field.
 */
function withExtensions(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => !error.extensions)) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      if (error.extensions) return error;
      const original = error.originalError;
      const normalized = new GraphQLError(error.message, {
        path: error.path,
        originalError: original ?? undefined,
        extensions: original instanceof GraphQLError ? original.extensions : {},
      });
      Object.defineProperty(normalized, 'locations', { value: error.locations, enumerable: true, writable: true });
      return normalized;
    }),
  };
}
