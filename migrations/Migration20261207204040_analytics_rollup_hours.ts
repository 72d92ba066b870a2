import { Migration } from '@mikro-orm/migrations';

/**
 * The month's response hours by body and by municipality (with and without the
 * sector block) with their histograms, and the due dates: exact year medians
 * without sorting a year of answers, "due in the period" without reading a
 * month's appeals (core/analytics/rollup/rollup-median.sql.ts). Additive: a
 * new table and two nullable columns; months are filled by the next refresh.
 * The arrays are stored uncompressed (sorted floats barely compress; reading
 * them is then a copy).
 */
export class Migration20261207204040_analytics_rollup_hours extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics_rollup_hours" ("id" bigserial primary key, "month" timestamp not null, "grain" smallint not null, "organization_id" uuid null, "municipality_id" uuid null, "sector_id" uuid null, "hours" float8[] null, "cum" int4[] null, "due_at" timestamptz[] null, "due_answered_at" timestamptz[] null);`);
    this.addSql(`alter table "analytics_rollup_hours" alter column "hours" set storage external, alter column "due_at" set storage external, alter column "due_answered_at" set storage external;`);
    this.addSql(`create index "analytics_rollup_hours_month_grain_index" on "analytics_rollup_hours" ("month", "grain");`);

    this.addSql(`alter table "analytics_rollup_month" add column "hours_refreshed_at" timestamptz null, add column "hours_edges" float8[] null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics_rollup_hours" cascade;`);

    this.addSql(`alter table "analytics_rollup_month" drop column "hours_refreshed_at", drop column "hours_edges";`);
  }

}
