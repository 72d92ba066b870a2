import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An official page's comments in one local month (TIME_ZONE), for the
 * PAGE_ADMIN_TRAINING rule (page-rollup.ts): the comments posted in the month
 * and how many of them are answered now (keyed by the month of `posted_at`),
 * and the latest answer given in the month to any comment of the page (keyed
 * by the month of the answer), from which the page's last activity before a
 * period's end is found. Written only by the analytics rollup refresh, in the
 * transaction that rebuilds the month; read for months the rollup holds and no
 * change has marked since (analytics_dirty).
 */
@Entity({ tableName: 'recommendation_page' })
export class RecommendationPage {
  /** The local month. */
  @PrimaryKey({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  @PrimaryKey({ type: 'uuid' })
  pageId!: string;

  /** Comments posted in the month. */
  @Property({ type: 'integer' })
  comments!: number;

  /** Of them, those whose appeal is answered (at any time). */
  @Property({ type: 'integer' })
  answered!: number;

  /** The latest answer given in the month to a comment of the page (null: none). */
  @Property({ type: 'datetime', nullable: true })
  lastAnswerAt?: Date;
}
