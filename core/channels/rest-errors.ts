import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logging/logger.js';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** An error as the REST endpoints answer it: the same codes as GraphQL (`{ error: { code, message, field } }`). */
export function restError(error: unknown, logger: Logger): { status: number; body: { error: { code: string; message: string; field?: string } } } {
  if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && STATUS[error.extensions.code]) {
    const field = typeof error.extensions.field === 'string' ? error.extensions.field : undefined;
    return { status: STATUS[error.extensions.code], body: { error: { code: error.extensions.code, message: error.message, ...(field ? { field } : {}) } } };
  }
  if (error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed') {
    return { status: 400, body: { error: { code: 'BAD_USER_INPUT', message: 'Тело запроса не является корректным JSON' } } };
  }
  if ((error as { type?: string }).type === 'entity.too.large') {
    return { status: 413, body: { error: { code: 'BAD_USER_INPUT', message: 'Тело запроса слишком велико' } } };
  }
  logger.error({ err: error }, 'channel endpoint: unexpected error');
  return { status: 500, body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'Внутренняя ошибка сервера' } } };
}

/** Wraps an async handler so that its errors answer in the REST error format. */
export function handle(logger: Logger, fn: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, _next: NextFunction) => {
    fn(req, res).catch((error) => {
      const { status, body } = restError(error, logger);
      res.status(status).json(body);
    });
  };
}

/** Express's body-parser errors in the same format. */
export function bodyErrors(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = restError(error, logger);
    res.status(status).json(body);
  };
}
