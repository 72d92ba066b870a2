import { Migration } from '@mikro-orm/migrations';

/** Surveys of residents (core/surveys, issue 17): surveys, their audit trail, one-use links, responses and answers. */
export class Migration20261207012141_surveys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "survey_status" as enum ('DRAFT', 'OPEN', 'CLOSED');`);
    this.addSql(`create type "survey_response_source" as enum ('LINK', 'IMPORT');`);
    this.addSql(`create table "survey" ("id" uuid not null, "version" int not null default 1, "title" text not null, "description" text null, "status" "survey_status" not null default 'DRAFT', "opens_at" timestamptz null, "closes_at" timestamptz null, "audience_municipality_ids" text[] not null, "audience_sectors" text[] not null, "audience_categories" text[] not null, "problem_id" uuid null, "questions" jsonb not null, "copied_from_id" uuid null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "survey_pkey" primary key ("id"));`);
    this.addSql(`create index "survey_problem_id_index" on "survey" ("problem_id");`);
    this.addSql(`create index "survey_created_at_id_index" on "survey" ("created_at", "id");`);
    this.addSql(`create index "survey_status_created_at_index" on "survey" ("status", "created_at");`);

    this.addSql(`create table "survey_response" ("id" uuid not null, "survey_id" uuid not null, "source" "survey_response_source" not null, "row_key" text null, "municipality_id" uuid null, "submitted_at" timestamptz not null, constraint "survey_response_pkey" primary key ("id"));`);
    this.addSql(`create index "survey_response_survey_id_submitted_at_index" on "survey_response" ("survey_id", "submitted_at");`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_survey_id_row_key_unique" unique ("survey_id", "row_key");`);

    this.addSql(`create table "survey_link" ("id" uuid not null, "survey_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "for_audience" boolean not null default false, constraint "survey_link_pkey" primary key ("id"));`);
    this.addSql(`alter table "survey_link" add constraint "survey_link_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "survey_link_survey_id_used_at_index" on "survey_link" ("survey_id", "used_at");`);

    this.addSql(`create table "survey_event" ("id" uuid not null, "seq" bigserial, "survey_id" uuid not null, "type" text not null, "at" timestamptz not null, "actor_user_id" uuid null, "version" int not null, "data" jsonb null, constraint "survey_event_pkey" primary key ("id"));`);
    this.addSql(`create index "survey_event_survey_id_at_index" on "survey_event" ("survey_id", "at");`);

    this.addSql(`create table "survey_answer" ("response_id" uuid not null, "question_code" text not null, "survey_id" uuid not null, "municipality_id" uuid null, "option_codes" text[] null, "value" int null, "text" text null, constraint "survey_answer_pkey" primary key ("response_id", "question_code"));`);
    this.addSql(`create index "survey_answer_survey_id_question_code_index" on "survey_answer" ("survey_id", "question_code");`);

    this.addSql(`alter table "survey" add constraint "survey_problem_id_foreign" foreign key ("problem_id") references "problem" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "survey" add constraint "survey_copied_from_id_foreign" foreign key ("copied_from_id") references "survey" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "survey" add constraint "survey_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "survey_response" add constraint "survey_response_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`);
    this.addSql(`alter table "survey_response" add constraint "survey_response_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "survey_link" add constraint "survey_link_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`);

    this.addSql(`alter table "survey_event" add constraint "survey_event_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`);
    this.addSql(`alter table "survey_event" add constraint "survey_event_actor_user_id_foreign" foreign key ("actor_user_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "survey_answer" add constraint "survey_answer_response_id_foreign" foreign key ("response_id") references "survey_response" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "survey_answer" add constraint "survey_answer_survey_id_foreign" foreign key ("survey_id") references "survey" ("id") on update cascade;`);
    this.addSql(`alter table "survey_answer" add constraint "survey_answer_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "survey" drop constraint "survey_copied_from_id_foreign";`);

    this.addSql(`alter table "survey_response" drop constraint "survey_response_survey_id_foreign";`);

    this.addSql(`alter table "survey_link" drop constraint "survey_link_survey_id_foreign";`);

    this.addSql(`alter table "survey_event" drop constraint "survey_event_survey_id_foreign";`);

    this.addSql(`alter table "survey_answer" drop constraint "survey_answer_survey_id_foreign";`);

    this.addSql(`alter table "survey_answer" drop constraint "survey_answer_response_id_foreign";`);

    this.addSql(`drop table if exists "survey" cascade;`);

    this.addSql(`drop table if exists "survey_response" cascade;`);

    this.addSql(`drop table if exists "survey_link" cascade;`);

    this.addSql(`drop table if exists "survey_event" cascade;`);

    this.addSql(`drop table if exists "survey_answer" cascade;`);

    this.addSql(`drop type "survey_status";`);
    this.addSql(`drop type "survey_response_source";`);
  }

}
