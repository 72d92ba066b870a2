import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Repeated appeals (`is_repeat`) received in one local month (TIME_ZONE) per
 * body, category and street (STREET_SQL of core/analytics/problems.service.ts),
 * for the REGIONAL_PROBLEM rule (recommendation.rules.ts), with the month's
 * latest appeals as examples. Written only by the analytics rollup refresh
 * (recommendation-rollup.ts); read for months held and unmarked.
 */
@Entity({ tableName: 'recommendation_repeat' })
export class RecommendationRepeat {
  /** The local month, as `date_trunc('month', received_at at time zone TIME_ZONE)`. */
  @PrimaryKey({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @PrimaryKey({ type: 'text' })
  street!: string;

  /** Repeated appeals in the month. */
  @Property({ type: 'integer' })
  n!: number;

  /** The month's latest appeals of the group (by receipt, newest first), at most the rule's number of examples. */
  @Property({ type: 'uuid[]' })
  ids!: string[];
}
