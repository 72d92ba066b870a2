import { Migration } from '@mikro-orm/migrations';

export class Migration20261126101335_calendar extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "production_calendar_year" ("year" int not null, "data" jsonb not null, "loaded_at" timestamptz not null default now(), constraint "production_calendar_year_pkey" primary key ("year"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "production_calendar_year" cascade;`);
  }

}
