import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logging/logger.js';

interface HttpError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

const MESSAGES: Record<string, string> = {
  'entity.too.large': 'Тело запроса больше допустимого',
  'entity.parse.failed': 'Тело запроса — не JSON',
  'charset.unsupported': 'Неподдерживаемая кодировка тела запроса',
  'encoding.unsupported': 'Неподдерживаемое сжатие тела запроса',
  'request.aborted': 'Запрос прерван',
};

/**
 * Errors raised before GraphQL sees the request (the body parser: too large,
 * not JSON, bad charset) answer as GraphQL over HTTP does: JSON with
 * `errors[].extensions.code` and the 4xx status, never Express's HTML page.
 * Anything else is a 500 with no detail (logged).
 */
export function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: HttpError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error }, 'unexpected HTTP error');
    const message = status >= 500 ? 'Внутренняя ошибка сервера' : (MESSAGES[error.type ?? ''] ?? (error.expose ? error.message : 'Некорректный запрос'));
    const code = status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
