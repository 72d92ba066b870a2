import { z } from 'zod';

/** Live updates: the bus that carries committed events between processes, subscriber queues, the deadline watcher. */
export const liveSettings = {
  EVENT_BUS: z.enum(['pg', 'redis', 'local']).optional(),
  REDIS_URL: z.string().url().optional(),
  WS_MAX_QUEUE: z.coerce.number().int().positive().default(1000),
  WS_REAUTH_SECONDS: z.coerce.number().int().min(0).default(30),
  WS_INIT_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(10),
  DEADLINE_WATCH_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
};
