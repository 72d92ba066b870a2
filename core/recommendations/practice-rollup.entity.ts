import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The figures best practices compare (best-practices.service.ts), per local
 * month of receipt (TIME_ZONE), category, sector and one subject: a body
 * (grain 1) or a municipality (grain 2); a null subject holds the appeals
 * without one, which still count in the category's and the region's figures.
 * Mergeable sums only, so months add up exactly. Written only by the
 * analytics rollup refresh (recommendation-rollup.ts); read for months held
 * and unmarked.
 */
@Entity({ tableName: 'recommendation_practice' })
@Index({ properties: ['month'] })
export class RecommendationPractice {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  /** 1: the subject is a body; 2: a municipality. */
  @Property({ type: 'smallint' })
  grain!: number;

  @Property({ type: 'uuid' })
  categoryId!: string;

  @Property({ type: 'uuid', nullable: true })
  sectorId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  subjectId?: string | null;

  /** Appeals received. */
  @Property({ type: 'integer' })
  n!: number;

  /** Of them answered (ANSWERED_SQL), and answered on time (ON_TIME_SQL). */
  @Property({ type: 'integer' })
  answered!: number;

  @Property({ type: 'integer' })
  onTime!: number;

  /** Sum of the response hours of the answered (RESPONSE_HOURS_SQL). */
  @Property({ type: 'double', nullable: true })
  hoursSum?: number | null;

  /** Rated appeals and the sum of their scores. */
  @Property({ type: 'integer' })
  rated!: number;

  @Property({ type: 'integer' })
  scoreSum!: number;
}
