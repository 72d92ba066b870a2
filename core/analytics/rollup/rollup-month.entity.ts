import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A local month the rollup holds, as of its last refresh. */
@Entity({ tableName: 'analytics_rollup_month' })
export class AnalyticsRollupMonth {
  @PrimaryKey({ type: 'datetime', columnType: 'timestamp' })
  month!: Date;

  /** The TIME_ZONE the month was cut in; another zone makes the month unusable until rebuilt. */
  @Property({ type: 'text' })
  timeZone!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  refreshedAt!: Date;

  /** The latest due date among the month's appeals (ratings use the month once that has passed). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  maxDueAt?: Date | null;
}
