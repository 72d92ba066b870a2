import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The key of a body's answer rollup rows per month: the local month of the answer, the body. */
export abstract class BodyMonthKey {
  /** The local month, as `date_trunc('month', answered at time zone TIME_ZONE)`. */
  @PrimaryKey({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;
}

/**
 * The answer texts a body sent in one local month (TIME_ZONE), one row per
 * text fingerprint (a 64-bit hash of the lower-cased, trimmed text), for the
 * ANSWER_QUALITY rule (recommendation.rules.ts). Keyed by the month of the
 * answer (not of the appeal's receipt), since the rule counts the answers sent
 * in the period. Written only by the analytics rollup refresh, in the same
 * transaction as the month's stats cells (recommendation-rollup.ts); read for
 * months the rollup holds and no change has marked since (analytics_dirty).
 */
@Entity({ tableName: 'recommendation_answer_text' })
export class RecommendationAnswerText extends BodyMonthKey {
  /** `hashtextextended(lower(trim(text)), 0)`; part of the key with the month and the body, so never a sequence. */
  @PrimaryKey({ type: 'bigint', autoincrement: false })
  h!: string;

  /** Answers of the body with this text in the month. */
  @Property({ type: 'integer' })
  n!: number;

  /** The least of the month's spellings (the rule shows the least over the period). */
  @Property({ type: 'text' })
  text!: string;
}
