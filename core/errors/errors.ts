import { GraphQLError } from 'graphql';

/** The error codes of API.md: every error a client sees carries one. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'QUERY_TOO_COMPLEX'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

export interface ErrorDetails {
  /** The input field at fault, as a dotted path (`input.text`, `details.buildingId`). */
  field?: string;
  [key: string]: unknown;
}

/** The one error helper: a GraphQLError with `extensions.code`. */
export function appError(code: ErrorCode, message: string, details: ErrorDetails = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export const badInput = (field: string, message: string, extra: ErrorDetails = {}) => appError('BAD_USER_INPUT', message, { ...extra, field });

export const notFound = (what: string, id?: string) => appError('NOT_FOUND', id ? `${what} ${id} не найден(о)` : `${what} не найден(о)`, id ? { id } : {});

export const conflict = (message: string, extra: ErrorDetails = {}) => appError('CONFLICT', message, extra);

export const forbidden = (message = 'Недостаточно прав для этой операции') => appError('FORBIDDEN', message);

export const unauthenticated = (message = 'Требуется вход в систему') => appError('UNAUTHENTICATED', message);

export function errorCode(error: unknown): ErrorCode | undefined {
  if (error instanceof GraphQLError) return error.extensions?.code as ErrorCode | undefined;
  return undefined;
}
