import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging/logger.js';
import { LIMIT_EXTENSION, PAGE_SIZE_EXTENSION, isLimitError } from './graphql-limits.js';

const KNOWN_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED', 'QUERY_TOO_COMPLEX', 'TOO_MANY_REQUESTS', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

/**
 * Every error leaves with `extensions.code`. An unexpected error is logged in
 * full and reaches the client as INTERNAL_SERVER_ERROR with no stack trace
 * and no SQL, unless NODE_ENV=development.
 */
export function createErrorFormatter(logger: Logger, development: boolean) {
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
    const code = formatted.extensions?.code as string | undefined;
    if (code && KNOWN_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: development ? formatted.extensions : extensions };
    }
    const original = unwrapResolverError(error);
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    if (development) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return { message: 'Внутренняя ошибка сервера', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
