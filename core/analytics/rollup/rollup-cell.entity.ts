import { Entity, Index, Property } from '@mikro-orm/core';
import { MonthlyFigures } from './monthly-figures.js';

/**
 * One cell of the analytics rollup: the appeals received in one local month
 * (TIME_ZONE) by one body, in one municipality and one sector block, reduced
 * to the mergeable figures the metrics need. Written only by the refresh (rollup-refresh.service.ts);
 * read by stats and ratings for months the rollup holds and no change has
 * touched since (see analytics_dirty).
 */
@Entity({ tableName: 'analytics_rollup' })
@Index({ properties: ['month'] })
@Index({ properties: ['grain', 'month'] })
export class AnalyticsRollupCell extends MonthlyFigures {
  /**
   * Which keys the cell keeps, as bits: 1 organization, 2 municipality,
   * 4 sector. GRAIN_FULL (7) cells partition the appeals and carry the
   * sorted hours; coarser cells (the other grouping sets) carry the exact
   * median of their group, so that a month × some-of-those-keys question
   * reads one cell per group and sorts nothing.
   */
  @Property({ type: 'smallint', default: 7 })
  grain!: number;

  @Property({ type: 'uuid', nullable: true })
  organizationId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  municipalityId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  sectorId?: string | null;

  @Property({ type: 'integer' })
  open!: number;

  /** The response hours of the answered, sorted: the exact median of any union of cells. */
  @Property({ type: 'double[]', columnType: 'float8[]', nullable: true })
  hours?: number[] | null;

  /** The exact median of the response hours of the cell's answered appeals. */
  @Property({ type: 'double', nullable: true })
  median?: number | null;

  /** Rated answers by score 1..5 (the negative threshold is configuration, read at query time). */
  @Property({ type: 'integer' })
  score1!: number;

  @Property({ type: 'integer' })
  score2!: number;

  @Property({ type: 'integer' })
  score3!: number;

  @Property({ type: 'integer' })
  score4!: number;

  @Property({ type: 'integer' })
  score5!: number;

  @Property({ type: 'integer' })
  repeats!: number;

  @Property({ type: 'integer' })
  redirected!: number;

  @Property({ type: 'integer' })
  returned!: number;

  /** Answered or returned for rework (the denominator of returnedRate). */
  @Property({ type: 'integer' })
  answeredOrReturned!: number;

  /** With a due date (ratings: "due in the period" once the month's last deadline has passed). */
  @Property({ type: 'integer' })
  due!: number;

  @Property({ type: 'integer' })
  dueAnswered!: number;
}
