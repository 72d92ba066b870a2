import { z } from 'zod';
import { DEFAULT_REGION_PACK } from '../region/region-files.js';

/** The server: port, database, data folder, region pack, plugins, demo, logging. */
export const serverSettings = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z.string().url().optional(),
  // The owner's connection: migrations and grants run with it, the API with DATABASE_URL (docs/security.md).
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  // A streaming replica: analytics, reports and list pages read there (core/db/read-routing.ts).
  DATABASE_READ_URL: z.string().url().optional(),
  // API processes `npm start` runs on one port (Node's cluster); they share the database, its job queue and event bus.
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  DATA_DIR: z.string().min(1).default('./.data'),
  PLUGINS: z.string().optional(),
  DEMO: z.enum(['0', '1']).optional(),
  // Demo appeals are made through the lifecycle, step by step (core/seed/demo-appeals.ts): a thousand keep the first start short.
  DEMO_APPEALS: z.coerce.number().int().min(0).default(1000),
  // The region served (docs/regions.md): a folder path or a pack code; REGION_CODE and TIME_ZONE override its region.json.
  REGION_PACK: z.string().min(1).default(DEFAULT_REGION_PACK),
  REGION_CODE: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  TIME_ZONE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  HTTP_BODY_LIMIT_MB: z.coerce.number().int().positive().max(256).default(16),
  // Connections waiting to be accepted (the kernel caps it at net.core.somaxconn): after a restart every open
  // dashboard reconnects at once, and a full queue drops the connection attempt, which the client retries 1, 3, 7 s later.
  LISTEN_BACKLOG: z.coerce.number().int().positive().default(4096),
};
