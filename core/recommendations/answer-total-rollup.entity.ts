import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { BodyMonthKey } from './answer-text-rollup.entity.js';

/**
 * Per body and text fingerprint, the answers of every month held in
 * `recommendation_answer_text` summed (ANSWER_QUALITY): kept by the refresh in
 * the transaction that rebuilds a month (the month's old rows subtracted, its
 * new rows added). A fingerprint whose total here, plus its answers in the
 * rows read raw, is below BOILERPLATE_MIN_APPEALS cannot reach it within any
 * period, so the rule sums the months only for the few above it. Rows of
 * months no longer held only make the total larger (never a wrong answer).
 */
@Entity({ tableName: 'recommendation_answer_total' })
@Index({ properties: ['n'] })
export class RecommendationAnswerTotal {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  /** `hashtextextended(lower(trim(text)), 0)`. */
  @PrimaryKey({ type: 'bigint' })
  h!: string;

  @Property({ type: 'integer' })
  n!: number;
}

/** Answers a body sent in one local month (ANSWER_QUALITY's denominator), beside `recommendation_answer_text`. */
@Entity({ tableName: 'recommendation_answer_count' })
export class RecommendationAnswerCount extends BodyMonthKey {
  @Property({ type: 'integer' })
  n!: number;
}
