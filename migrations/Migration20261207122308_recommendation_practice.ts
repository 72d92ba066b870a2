import { Migration } from '@mikro-orm/migrations';

/**
 * The best-practice figures per month (core/recommendations/practice-rollup.ts).
 * Their marks exist already (analytics_dirty, and category changes since
 * recommendation_rollups); the held months are dropped so that the next
 * refresh fills the new table.
 */
export class Migration20261207122308_recommendation_practice extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "recommendation_practice" ("id" bigserial primary key, "month" timestamp not null, "grain" smallint not null, "category_id" uuid not null, "sector_id" uuid null, "subject_id" uuid null, "n" int not null, "answered" int not null, "on_time" int not null, "hours_sum" double precision null, "rated" int not null, "score_sum" int not null);`);
    this.addSql(`create index "recommendation_practice_month_index" on "recommendation_practice" ("month");`);
    this.addSql(`delete from analytics_rollup_month;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "recommendation_practice" cascade;`);
  }

}
