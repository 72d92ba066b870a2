import { z } from 'zod';
import { JWT_ALGORITHMS } from './jwt-keys.js';

/** Sign-in: tokens and the login throttle (docs/security.md). */
export const authSettings = {
  JWT_SECRET: z.string().min(16).optional(),
  JWT_ISSUER: z.string().min(1).default('cur-api'),
  JWT_AUDIENCE: z.string().min(1).default('cur-api'),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  JWT_ALGORITHM: z.enum(JWT_ALGORITHMS).default('HS256'),
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  LOGIN_BLOCK_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
};
