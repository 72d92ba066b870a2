import { Migration } from '@mikro-orm/migrations';

export class Migration20261207124230_survey_import_row extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "survey_import_row" ("job_id" uuid not null, "row" int not null, "row_key" text not null, "code" text not null, "field" text null, "message" text not null, constraint "survey_import_row_pkey" primary key ("job_id", "row"));`);

    this.addSql(`alter table "survey_import_row" add constraint "survey_import_row_job_id_foreign" foreign key ("job_id") references "import_job" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "survey_import_row" cascade;`);
  }

}
