import { z } from 'zod';

/** Surveys (core/surveys): one-use answer links and live results. */
export const surveySettings = {
  SURVEY_LINK_BASE: z.string().url().optional(),
  SURVEY_LINK_TTL_DAYS: z.coerce.number().int().positive().default(30),
  SURVEY_LINKS_MAX: z.coerce.number().int().positive().max(100_000).default(10_000),
  SURVEY_LIVE_INTERVAL_MS: z.coerce.number().int().min(100).default(1000),
};
