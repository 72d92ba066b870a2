import { Migration } from '@mikro-orm/migrations';

/**
 * Coarser cells in the analytics rollup (grain: which of organization,
 * municipality, sector a cell keeps) with their exact median, so that
 * month × those keys is read one cell per group without sorting any hours.
 */
export class Migration20261126132059_analytics_rollup_grains extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "analytics_rollup" add column "grain" smallint not null default 7, add column "median" double precision null;`);
    this.addSql(`create index "analytics_rollup_grain_month_index" on "analytics_rollup" ("grain", "month");`);
    // Months built without the coarser cells are rebuilt by the next refresh (read from \`appeal\` until then).
    this.addSql(`delete from "analytics_rollup_month";`);
    this.addSql(`delete from "analytics_rollup";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "analytics_rollup_grain_month_index";`);
    this.addSql(`alter table "analytics_rollup" drop column "grain", drop column "median";`);
  }

}
