import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

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
export class RecommendationAnswerText {
  /** The local month, as `date_trunc('month', answered at time zone TIME_ZONE)`. */
  @PrimaryKey({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  /** `hashtextextended(lower(trim(text)), 0)`. */
  @PrimaryKey({ type: 'bigint' })
  h!: string;

  /** Answers of the body with this text in the month. */
  @Property({ type: 'integer' })
  n!: number;

  /** The least of the month's spellings (the rule shows the least over the period). */
  @Property({ type: 'text' })
  text!: string;
}
