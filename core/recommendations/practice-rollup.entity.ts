import { Entity, Index, Property } from '@mikro-orm/core';
import { MonthlyFigures } from '../analytics/rollup/monthly-figures.js';

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
export class RecommendationPractice extends MonthlyFigures {
  /** 1: the subject is a body; 2: a municipality. */
  @Property({ type: 'smallint' })
  grain!: number;

  @Property({ type: 'uuid' })
  categoryId!: string;

  @Property({ type: 'uuid', nullable: true })
  sectorId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  subjectId?: string | null;
}
