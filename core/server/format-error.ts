import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging/logger.js';
import type { RequestContext } from '../auth/request-context.js';
import { LIMIT_EXTENSION, PAGE_SIZE_EXTENSION, isLimitError } from './graphql-limits.js';
import { databaseRefusal } from './database-errors.js';

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_REQUESTS',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** True for an error the API raised on purpose (a code of API.md, a limit): answered as it is, not logged as a failure. */
function isCoded(formatted: Pick<GraphQLFormattedError, 'message' | 'extensions'>): boolean {
  if (formatted.extensions?.[PAGE_SIZE_EXTENSION] || isLimitError(formatted)) return true;
  const code = formatted.extensions?.code as string | undefined;
  return Boolean(code && KNOWN_CODES.has(code));
}

/**
 * Every error leaves with `extensions.code`. A refusal by PostgreSQL that
 * the client caused (a statement over its timeout, a value it could not
 * read) is answered with a code of its own (core/server/database-errors.ts);
 * any other unexpected error is logged and reaches the client as
 * INTERNAL_SERVER_ERROR with no stack trace and no SQL, unless
 * NODE_ENV=development. Over HTTP the logging is `errorReporting`'s (it sees
 * the request and its id): `logUnexpected: false` there.
 */
export function createErrorFormatter(logger: Logger, development: boolean, options: { logUnexpected?: boolean } = {}) {
  const logUnexpected = options.logUnexpected ?? true;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const pageSizeArgument = formatted.extensions?.[PAGE_SIZE_EXTENSION];
    if (pageSizeArgument) {
      const { stacktrace: _stack, [PAGE_SIZE_EXTENSION]: _marker, ...rest } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...rest, code: 'BAD_USER_INPUT', field: pageSizeArgument } };
    }
    if (isLimitError(formatted)) {
      // A document over a limit (depth, cost, aliases, directives, tokens): one code for all of them.
      const { stacktrace: _stack, [LIMIT_EXTENSION]: limit, ...rest } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...rest, code: 'QUERY_TOO_COMPLEX', limit: limit ?? 'tokens' } };
    }
    if (isCoded(formatted)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: development ? formatted.extensions : extensions };
    }
    const original = unwrapResolverError(error);
    const refusal = databaseRefusal(original);
    if (refusal) return { message: refusal.message, path: formatted.path, locations: formatted.locations, extensions: refusal.extensions };
    if (logUnexpected) logger.error({ err: original, path: formatted.path }, 'unexpected error');
    if (development) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return { message: 'Внутренняя ошибка сервера', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * Logs every unexpected error of a request with its request id (the
 * `X-Request-Id` header, echoed or generated in http-server.ts), its
 * operation and path, and puts the id into the INTERNAL_SERVER_ERROR the
 * client gets, so a report from a user finds its log line.
 */
export function errorReporting(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors as readonly GraphQLError[]) {
            if (isCoded(error)) continue;
            const original = unwrapResolverError(error);
            const refusal = databaseRefusal(original);
            const details = { err: original, path: error.path, operationName, requestId: contextValue.requestId };
            if (refusal) logger.warn({ ...details, code: refusal.extensions.code }, 'request refused by the database');
            else logger.error(details, 'unexpected error');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const result = response.body.singleResult as { errors?: readonly GraphQLFormattedError[] };
          result.errors = result.errors!.map((error) =>
            error.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } } : error,
          );
        },
      };
    },
  };
}
