import { Migration } from '@mikro-orm/migrations';

export class Migration20261126130823_analytics_rollup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "analytics_dirty" ("id" bigserial primary key, "day" date not null, "marked_at" timestamptz not null default now());`);
    this.addSql(`create index "analytics_dirty_day_index" on "analytics_dirty" ("day");`);

    this.addSql(`create table "analytics_rollup" ("id" bigserial primary key, "month" timestamp not null, "organization_id" uuid null, "municipality_id" uuid null, "sector_id" uuid null, "n" int not null, "open" int not null, "answered" int not null, "on_time" int not null, "hours_sum" double precision null, "hours" float8[] null, "rated" int not null, "score_sum" int not null, "score1" int not null, "score2" int not null, "score3" int not null, "score4" int not null, "score5" int not null, "repeats" int not null, "redirected" int not null, "returned" int not null, "answered_or_returned" int not null, "due" int not null, "due_answered" int not null);`);
    this.addSql(`create index "analytics_rollup_month_index" on "analytics_rollup" ("month");`);

    this.addSql(`create table "analytics_rollup_month" ("month" timestamp not null, "time_zone" text not null, "refreshed_at" timestamptz not null, "max_due_at" timestamptz null, constraint "analytics_rollup_month_pkey" primary key ("month"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "analytics_dirty" cascade;`);

    this.addSql(`drop table if exists "analytics_rollup" cascade;`);

    this.addSql(`drop table if exists "analytics_rollup_month" cascade;`);
  }

}
