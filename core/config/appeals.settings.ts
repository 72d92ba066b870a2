import { z } from 'zod';

/** Appeals: structuring, repeats, deadlines, rating links, report links. */
export const appealSettings = {
  // The calibrated sector probability the committed structuring model showed ≥ 97% right sectors from (core/structuring/model, a test keeps them equal).
  STRUCTURING_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.64),
  REPEAT_WINDOW_DAYS: z.coerce.number().int().min(0).default(30),
  SATISFACTION_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SATISFACTION_LINK_BASE: z.string().url().optional(),
  // Report files opened from a plain link (mutation reportDownloadLink): how long a signed link works.
  REPORT_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .max(7 * 86_400)
    .default(15 * 60),
  // The API's public address, for links it hands out (report downloads); without it they are paths.
  PUBLIC_URL: z.string().url().optional(),
  DEADLINE_POLICY: z.string().optional(),
};
