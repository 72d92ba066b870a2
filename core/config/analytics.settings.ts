import { z } from 'zod';

/** The parts of a rating score (DOMAIN.md, "Ratings and KPIs"; the decree, clause 9). */
export const RATING_PARTS = ['quantity', 'timeliness', 'quality', 'speed', 'completeness', 'satisfaction', 'repeats'] as const;
export type RatingPart = (typeof RATING_PARTS)[number];

/** [param] Default weights; RATING_WEIGHTS overrides any of them. */
export const DEFAULT_RATING_WEIGHTS: Record<RatingPart, number> = {
  quantity: 0.1,
  timeliness: 0.25,
  quality: 0.15,
  speed: 0.1,
  completeness: 0.15,
  satisfaction: 0.15,
  repeats: 0.1,
};

const ratingWeightsSchema = z
  .object(Object.fromEntries(RATING_PARTS.map((part) => [part, z.number().min(0).optional()])) as Record<RatingPart, z.ZodOptional<z.ZodNumber>>)
  .strict();

/** Analytics (core/analytics): ratings, workload, problems, conflicts; official pages, recommendations, best practices. */
export const analyticsSettings = {
  RATING_WEIGHTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        return ratingWeightsSchema.parse(JSON.parse(value));
      } catch {
        ctx.addIssue({ code: 'custom', message: `a JSON object of non-negative weights of ${RATING_PARTS.join(', ')}` });
        return z.NEVER;
      }
    }),
  ANALYTICS_WORK_MEM: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'a PostgreSQL size such as 64MB')
    .default('64MB'),
  // The analytics rollup (core/analytics/rollup): how often the refresh job rebuilds changed months; 0: not in this process.
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  // The monthly report's sections run on up to this many connections at once (core/monthly-report/report-lanes.ts; at most DB_POOL_MAX).
  REPORT_CONNECTIONS: z.coerce.number().int().min(1).default(3),
  RATING_PRIOR_WEIGHT: z.coerce.number().min(0).default(20),
  RATING_MIN_APPEALS: z.coerce.number().int().min(0).default(5),
  SATISFACTION_NEGATIVE_MAX: z.coerce.number().int().min(1).max(4).default(2),
  WORKLOAD_NORM_OPEN_PER_SPECIALIST: z.coerce.number().positive().default(40),
  PROBLEM_MIN_APPEALS: z.coerce.number().int().min(2).default(5),
  BOILERPLATE_MIN_APPEALS: z.coerce.number().int().min(2).default(5),
  // ANSWER_QUALITY judges a body only with at least this many answers in the period (core/recommendations).
  ANSWER_QUALITY_MIN_ANSWERS: z.coerce.number().int().min(1).default(10),
  // Official pages, recommendations, best practices (core/official-pages, core/recommendations).
  OFFICIAL_PAGE_SILENT_DAYS: z.coerce.number().int().min(1).default(14),
  BEST_PRACTICE_MIN_APPEALS: z.coerce.number().int().min(1).default(20),
};
