import type { GatewayInterface, GatewayExecutor } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';

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
    const key = `${request.queryHash}:${request.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      query = compileQuery(schema, request.document, request.operationName ?? undefined);
      compiled.set(key, query);
    }
    if (!isCompiledQuery(query)) return query;
    const variables = request.request.variables ?? {};
    const result = (await query.query(undefined, request.context, variables)) as ExecutionResult;
    if (result.data === undefined && result.errors?.length) {
      // graphql-jit refused the variables: answer graphql-js's own errors (and so Apollo's BAD_USER_INPUT for them).
      // Only then, so that a big input (an import of 10,000 rows) is coerced once.
      const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables);
      if (coerced.errors) return { errors: coerced.errors };
      // graphql-js accepts them: graphql-jit 0.8.9 does not fill an input object's defaulted fields
      // (`orderBy: { field: NUMBER }` without `direction`). Run again with graphql-js's values, defaults in.
      return (await query.query(undefined, request.context, coerced.coerced)) as ExecutionResult;
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
