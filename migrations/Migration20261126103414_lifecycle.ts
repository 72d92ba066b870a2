import { Migration } from '@mikro-orm/migrations';

export class Migration20261126103414_lifecycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "answer_result" as enum ('SUPPORTED', 'NOT_SUPPORTED', 'EXPLAINED', 'ANSWER_GIVEN', 'LEFT_WITHOUT_ANSWER', 'REDIRECTED_BY_COMPETENCE');`);
    this.addSql(`create type "review_decision" as enum ('ACCEPT', 'RETURN');`);
    this.addSql(`create table "appeal_response" ("id" uuid not null, "appeal_id" uuid not null, "text" text not null, "result" "answer_result" not null, "attachments" jsonb null, "author_id" uuid null, "organization_id" uuid null, "created_at" timestamptz not null, "review_decision" "review_decision" null, "review_comment" text null, "reviewer_id" uuid null, "reviewed_at" timestamptz null, constraint "appeal_response_pkey" primary key ("id"));`);
    this.addSql(`create index "appeal_response_appeal_id_created_at_index" on "appeal_response" ("appeal_id", "created_at");`);

    this.addSql(`alter table "appeal_response" add constraint "appeal_response_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade;`);
    this.addSql(`alter table "appeal_response" add constraint "appeal_response_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appeal_response" add constraint "appeal_response_reviewer_id_foreign" foreign key ("reviewer_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "appeal" add column "details" jsonb null, add column "complaint_against_id" uuid null, add column "author_email_key" text null, add column "author_phone_key" text null, add column "address_key" text null, add column "reacted_at" timestamptz null, add column "reopened_at" timestamptz null, add column "rework_count" int not null default 0, add column "reopen_count" int not null default 0;`);
    this.addSql(`alter table "appeal" add constraint "appeal_complaint_against_id_foreign" foreign key ("complaint_against_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "appeal_category_id_address_key_received_at_index" on "appeal" ("category_id", "address_key", "received_at");`);
    this.addSql(`create index "appeal_author_phone_key_received_at_index" on "appeal" ("author_phone_key", "received_at");`);
    this.addSql(`create index "appeal_author_email_key_received_at_index" on "appeal" ("author_email_key", "received_at");`);

    this.addSql(`alter table "appeal_event" add column "seq" bigserial;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "appeal_response" cascade;`);

    this.addSql(`alter table "appeal" drop constraint "appeal_complaint_against_id_foreign";`);

    this.addSql(`drop index "appeal_category_id_address_key_received_at_index";`);
    this.addSql(`drop index "appeal_author_phone_key_received_at_index";`);
    this.addSql(`drop index "appeal_author_email_key_received_at_index";`);
    this.addSql(`alter table "appeal" drop column "details", drop column "complaint_against_id", drop column "author_email_key", drop column "author_phone_key", drop column "address_key", drop column "reacted_at", drop column "reopened_at", drop column "rework_count", drop column "reopen_count";`);

    this.addSql(`alter table "appeal_event" drop column "seq";`);

    this.addSql(`drop type "answer_result";`);
    this.addSql(`drop type "review_decision";`);
  }

}
