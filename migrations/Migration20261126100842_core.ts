import { Migration } from '@mikro-orm/migrations';

export class Migration20261126100842_core extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "municipality_kind" as enum ('CITY_DISTRICT', 'MUNICIPAL_DISTRICT');`);
    this.addSql(`create type "organization_kind" as enum ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION', 'STATE_INSTITUTION', 'MUNICIPAL_INSTITUTION', 'REGIONAL_OPERATOR', 'CENTER');`);
    this.addSql(`create type "user_role" as enum ('CURATOR', 'CENTER_HEAD', 'CENTER_SPECIALIST', 'SECTOR_LEAD', 'SECTOR_SPECIALIST', 'ORG_OPERATOR', 'MINISTRY_OBSERVER', 'ANALYST', 'INTEGRATION', 'ADMIN');`);
    this.addSql(`create type "channel" as enum ('POS', 'REGIONAL_SYSTEM', 'MUNICIPAL_SYSTEM', 'WRITTEN', 'EMAIL', 'PHONE', 'PERSONAL_RECEPTION', 'SOCIAL_MEDIA', 'MESSENGER', 'MEDIA');`);
    this.addSql(`create type "appeal_status" as enum ('NEW', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'ON_REVIEW', 'CLOSED', 'REDIRECTED', 'REJECTED', 'REOPENED');`);
    this.addSql(`create table "municipality" ("id" uuid not null, "code" text not null, "name" text not null, "short_name" text not null, "name_en" text not null, "kind" "municipality_kind" not null, "population" int not null, "center" text not null, "name_forms" text[] not null, "settlements" text[] not null, constraint "municipality_pkey" primary key ("id"));`);
    this.addSql(`alter table "municipality" add constraint "municipality_code_unique" unique ("code");`);

    this.addSql(`create table "organization" ("id" uuid not null, "code" text not null, "name" text not null, "short_name" text not null, "kind" "organization_kind" not null, "parent_id" uuid null, "municipality_id" uuid null, "sectors" text[] not null, "demo" boolean not null default false, constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_code_unique" unique ("code");`);
    this.addSql(`create index "organization_parent_id_index" on "organization" ("parent_id");`);
    this.addSql(`create index "organization_municipality_id_index" on "organization" ("municipality_id");`);

    this.addSql(`create table "sector" ("id" uuid not null, "code" text not null, "name" text not null, "name_en" text not null, constraint "sector_pkey" primary key ("id"));`);
    this.addSql(`alter table "sector" add constraint "sector_code_unique" unique ("code");`);

    this.addSql(`create table "category" ("id" uuid not null, "code" text not null, "sector_id" uuid not null, "name" text not null, "federal_code" text null, "keywords" text[] not null, constraint "category_pkey" primary key ("id"));`);
    this.addSql(`alter table "category" add constraint "category_code_unique" unique ("code");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" text not null, "password_hash" text not null, "full_name" text not null, "role" "user_role" not null, "organization_id" uuid null, "sectors" text[] not null, "active" boolean not null default true, "created_at" timestamptz not null default now(), constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "appeal" ("id" uuid not null, "number" text not null, "channel" "channel" not null, "external_id" text null, "status" "appeal_status" not null default 'NEW', "version" int not null default 1, "text" text not null, "summary" text null, "author_name" text null, "author_email" text null, "author_phone" text null, "author_address" text null, "address" text null, "latitude" double precision null, "longitude" double precision null, "municipality_id" uuid null, "sector_id" uuid null, "category_id" uuid null, "organization_id" uuid null, "assignee_id" uuid null, "fz59" boolean not null default false, "received_at" timestamptz not null, "registered_at" timestamptz null, "due_at" timestamptz null, "deadline_starts_at" timestamptz null, "deadline_rules" jsonb null, "deadline_rule" text null, "extension_days" int not null default 0, "paused_at" timestamptz null, "paused_ms" bigint not null default 0, "answered_at" timestamptz null, "closed_at" timestamptz null, "satisfaction_score" smallint null, "satisfaction_comment" text null, "rated_at" timestamptz null, "is_repeat" boolean not null default false, "repeat_of_id" uuid null, "classification" jsonb null, "needs_structuring" boolean not null default false, "source_status" text null, "raw" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "appeal_pkey" primary key ("id"));`);
    this.addSql(`alter table "appeal" add constraint "appeal_number_unique" unique ("number");`);
    this.addSql(`create index "appeal_due_at_index" on "appeal" ("due_at");`);
    this.addSql(`create index "appeal_assignee_id_status_index" on "appeal" ("assignee_id", "status");`);
    this.addSql(`create index "appeal_channel_received_at_index" on "appeal" ("channel", "received_at");`);
    this.addSql(`create index "appeal_category_id_received_at_index" on "appeal" ("category_id", "received_at");`);
    this.addSql(`create index "appeal_municipality_id_received_at_index" on "appeal" ("municipality_id", "received_at");`);
    this.addSql(`create index "appeal_organization_id_status_index" on "appeal" ("organization_id", "status");`);
    this.addSql(`create index "appeal_sector_id_received_at_index" on "appeal" ("sector_id", "received_at");`);
    this.addSql(`create index "appeal_received_at_id_index" on "appeal" ("received_at", "id");`);
    this.addSql(`create index "appeal_status_index" on "appeal" ("status");`);
    this.addSql(`alter table "appeal" add constraint "appeal_channel_external_id_unique" unique ("channel", "external_id");`);

    this.addSql(`create table "appeal_event" ("id" uuid not null, "appeal_id" uuid not null, "type" text not null, "at" timestamptz not null, "actor_user_id" uuid null, "actor_label" text null, "from_status" "appeal_status" null, "to_status" "appeal_status" null, "reason" text null, "data" jsonb null, constraint "appeal_event_pkey" primary key ("id"));`);
    this.addSql(`create index "appeal_event_type_at_index" on "appeal_event" ("type", "at");`);
    this.addSql(`create index "appeal_event_appeal_id_at_index" on "appeal_event" ("appeal_id", "at");`);

    this.addSql(`alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "organization" add constraint "organization_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "category" add constraint "category_sector_id_foreign" foreign key ("sector_id") references "sector" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "appeal" add constraint "appeal_municipality_id_foreign" foreign key ("municipality_id") references "municipality" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appeal" add constraint "appeal_sector_id_foreign" foreign key ("sector_id") references "sector" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appeal" add constraint "appeal_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appeal" add constraint "appeal_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appeal" add constraint "appeal_assignee_id_foreign" foreign key ("assignee_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appeal" add constraint "appeal_repeat_of_id_foreign" foreign key ("repeat_of_id") references "appeal" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "appeal_event" add constraint "appeal_event_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade;`);
    this.addSql(`alter table "appeal_event" add constraint "appeal_event_actor_user_id_foreign" foreign key ("actor_user_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_municipality_id_foreign";`);

    this.addSql(`alter table "appeal" drop constraint "appeal_municipality_id_foreign";`);

    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);

    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_foreign";`);

    this.addSql(`alter table "appeal" drop constraint "appeal_organization_id_foreign";`);

    this.addSql(`alter table "category" drop constraint "category_sector_id_foreign";`);

    this.addSql(`alter table "appeal" drop constraint "appeal_sector_id_foreign";`);

    this.addSql(`alter table "appeal" drop constraint "appeal_category_id_foreign";`);

    this.addSql(`alter table "appeal" drop constraint "appeal_assignee_id_foreign";`);

    this.addSql(`alter table "appeal_event" drop constraint "appeal_event_actor_user_id_foreign";`);

    this.addSql(`alter table "appeal" drop constraint "appeal_repeat_of_id_foreign";`);

    this.addSql(`alter table "appeal_event" drop constraint "appeal_event_appeal_id_foreign";`);

    this.addSql(`drop table if exists "municipality" cascade;`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "sector" cascade;`);

    this.addSql(`drop table if exists "category" cascade;`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "appeal" cascade;`);

    this.addSql(`drop table if exists "appeal_event" cascade;`);

    this.addSql(`drop type "municipality_kind";`);
    this.addSql(`drop type "organization_kind";`);
    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "channel";`);
    this.addSql(`drop type "appeal_status";`);
  }

}
