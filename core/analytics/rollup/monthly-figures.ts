import { PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The mergeable figures of one local month (TIME_ZONE) of appeals that every
 * rollup table keeps: counts and sums only, so that months add up exactly.
 * The analytics rollup (AnalyticsRollupCell) and the best-practice rollup
 * (RecommendationPractice) extend it with their own keys and figures.
 */
export abstract class MonthlyFigures {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** The local month, as `date_trunc('month', received_at at time zone TIME_ZONE)`. */
  @Property({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  /** Appeals received. */
  @Property({ type: 'integer' })
  n!: number;

  /** Of them answered (ANSWERED_SQL), and answered on time (ON_TIME_SQL). */
  @Property({ type: 'integer' })
  answered!: number;

  @Property({ type: 'integer' })
  onTime!: number;

  /** Sum of the response hours of the answered (RESPONSE_HOURS_SQL; avg = sum / answered). */
  @Property({ type: 'double', nullable: true })
  hoursSum?: number | null;

  /** Rated answers and the sum of their scores. */
  @Property({ type: 'integer' })
  rated!: number;

  @Property({ type: 'integer' })
  scoreSum!: number;
}
