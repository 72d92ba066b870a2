import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * JSON lines (pino) for log collectors; readable, coloured lines when a person
 * watches a terminal (stdout is a TTY), or when `LOG_FORMAT=pretty`/`json` says so.
 */
export function createLogger(level: string, format: 'auto' | 'pretty' | 'json' = (process.env.LOG_FORMAT as 'pretty' | 'json') ?? 'auto'): Logger {
  const options = { level, base: { service: 'cur-api', pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime };
  const readable = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  if (!readable) return pino(options);
  return pino(options, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }));
}
