import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A change to the appeals received on a UTC day (an appeal inserted, updated
 * or deleted; a redirect or return for rework recorded), appended by
 * statement triggers on `appeal` and `appeal_event`. Append-only, so writers
 * never wait on each other; the refresh deletes exactly the marks it read.
 * A local month with a mark on any of its days is served from `appeal`.
 */
@Entity({ tableName: 'analytics_dirty' })
@Index({ properties: ['day'] })
export class AnalyticsDirtyMark {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  markedAt!: Date;
}
