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

  /** The `refreshedAt` the month's analytics_rollup_hours were built from (null: not built; another value: stale). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  hoursRefreshedAt?: Date | null;

  /** The histogram edges those hours were counted over (they are used only with the code's own edges). */
  @Property({ type: 'double[]', columnType: 'float8[]', nullable: true })
  hoursEdges?: number[] | null;
}
