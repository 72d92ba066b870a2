import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The sorted response hours of one local month by body or by municipality
 * (with or without the sector block), with their cumulative histogram over
 * fixed edges (`MEDIAN_EDGES`): the exact median of a year by body is then
 * found from the histograms (which bucket holds the middle rank) and a sort
 * of only that bucket's values (rollup-median.sql.ts), not of every answer
 * of the year. Written from the month's appeals by the refresh;
 * used only while `analytics_rollup_month.hours_refreshed_at` equals the
 * month's `refreshed_at` and its `hours_edges` the code's edges.
 */
@Entity({ tableName: 'analytics_rollup_hours' })
@Index({ properties: ['month', 'grain'] })
export class AnalyticsRollupHours {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  /** The keys kept, as the cells' grain bits: 1 body, 2 municipality, 5 body × sector, 6 municipality × sector. */
  @Property({ type: 'smallint' })
  grain!: number;

  @Property({ type: 'uuid', nullable: true })
  organizationId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  municipalityId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  sectorId?: string | null;

  /** The response hours of the answered, ascending (null: none answered). */
  @Property({ type: 'double[]', columnType: 'float8[]', nullable: true })
  hours?: number[] | null;

  /** cum[i] = how many of `hours` are ≤ the i-th edge (the last edge is +∞, so the last entry is their count). */
  @Property({ type: 'integer[]', columnType: 'int4[]', nullable: true })
  cum?: number[] | null;

  /**
   * The due dates of the appeals with one, and of the answered among them,
   * ascending: ratings' "due in the period" (due_at ≤ a moment) of a month
   * whose deadlines run past the period is a binary search in them
   * (width_bucket) instead of a read of the month's appeals.
   */
  @Property({ type: 'Date[]', columnType: 'timestamptz[]', nullable: true })
  dueAt?: Date[] | null;

  @Property({ type: 'Date[]', columnType: 'timestamptz[]', nullable: true })
  dueAnsweredAt?: Date[] | null;
}
