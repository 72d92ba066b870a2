import { Migration } from '@mikro-orm/migrations';

export class Migration20261207015018_structuring_suggestions_feedback extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "structuring_feedback" ("id" uuid not null, "appeal_id" uuid not null, "text" text not null, "suggested" jsonb null, "chosen_sector" text not null, "chosen_category" text not null, "at" timestamptz not null, constraint "structuring_feedback_pkey" primary key ("id"));`);
    this.addSql(`create index "structuring_feedback_at_index" on "structuring_feedback" ("at");`);

    this.addSql(`alter table "structuring_feedback" add constraint "structuring_feedback_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "appeal" add column "structuring_suggestions" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "structuring_feedback" cascade;`);

    this.addSql(`alter table "appeal" drop column "structuring_suggestions";`);
  }

}
