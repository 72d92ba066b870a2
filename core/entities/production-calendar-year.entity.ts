import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One year of the Russian production calendar (working days, holidays and the
 * government's transfers), kept as data so that a new year is loaded without
 * a release. The bundled years are inserted when missing.
 */
@Entity({ tableName: 'production_calendar_year' })
export class ProductionCalendarYear {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'json' })
  data!: unknown;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  loadedAt: Date = new Date();
}
