import { Migration } from '@mikro-orm/migrations';

export class Migration20261126103438_analytics_problems extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "problem_status" as enum ('NEW', 'CONFIRMED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED');`);
    this.addSql(`create table "problem" ("id" uuid not null, "key" text null, "title" text not null, "category_id" uuid not null, "municipality_id" uuid null, "address" text null, "latitude" double precision null, "longitude" double precision null, "radius_meters" int null, "window_from" timestamptz not null, "window_to" timestamptz not null, "appeal_count" int not null default 0, "previous_count" int not null default 0, "status" "problem_status" not null default 'NEW', "decision" text null, "national_project_indicator" text null, "responsible_organization_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "problem_pkey" primary key ("id"));`);
    this.addSql(`alter table "problem" add constraint "problem_key_unique" unique ("key");`);
    this.addSql(`create index "problem_status_window_to_index" on "problem" ("status", "window_to");`);

    this.addSql(`create table "problem_appeal" ("problem_id" uuid not null, "appeal_id" uuid not null, constraint "problem_appeal_pkey" primary key ("problem_id", "appeal_id"));`);
    this.addSql(`create index "problem_appeal_appeal_id_index" on "problem_appeal" ("appeal_id");`);

    this.addSql(`alter table "problem" add constraint "problem_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade;`);
    this.addSql(`alter table "problem" add constraint "problem_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "problem" add constraint "problem_responsible_organization_id_foreign" foreign key ("responsible_organization_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "problem_appeal" add constraint "problem_appeal_problem_id_foreign" foreign key ("problem_id") references "problem" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "problem_appeal" add constraint "problem_appeal_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "problem_appeal" drop constraint "problem_appeal_problem_id_foreign";`);

    this.addSql(`drop table if exists "problem" cascade;`);

    this.addSql(`drop table if exists "problem_appeal" cascade;`);

    this.addSql(`drop type "problem_status";`);
  }

}
