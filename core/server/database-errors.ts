import type { ErrorCode } from '../errors/errors.js';

export interface DatabaseRefusal {
  message: string;
  extensions: { code: ErrorCode; [key: string]: unknown };
}

/** The SQLSTATE of a PostgreSQL error, through MikroORM's and knex's wrappers. */
export function sqlState(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, sqlState: state } = e as { code?: unknown; sqlState?: unknown };
    if (typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state)) return state;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/**
 * What PostgreSQL refused because of the request rather than a fault of the
 * server, as the client should hear it (never the SQL):
 * - 57014, a statement cancelled by `statement_timeout` (DB_STATEMENT_TIMEOUT_MS,
 *   ANALYTICS_STATEMENT_TIMEOUT_MS) or because its client left: QUERY_TOO_COMPLEX,
 *   `limit: "statementTimeout"`;
 * - class 22 (data exception: a value it cannot read as the column's type, such as a
 *   forged cursor's) and 54 (a value over a program limit): BAD_USER_INPUT.
 * Null for anything else (an INTERNAL_SERVER_ERROR, logged).
 */
export function databaseRefusal(error: unknown): DatabaseRefusal | null {
  const state = sqlState(error);
  if (!state) return null;
  if (state === '57014') {
    return {
      message: 'Запрос выполнялся дольше допустимого и остановлен; сузьте фильтр или период',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'statementTimeout' },
    };
  }
  if (state.startsWith('22') || state.startsWith('54')) {
    return { message: 'Значение в запросе не подходит к своему полю', extensions: { code: 'BAD_USER_INPUT' } };
  }
  return null;
}
