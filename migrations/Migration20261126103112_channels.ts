import { Migration } from '@mikro-orm/migrations';

export class Migration20261126103112_channels extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "social_platform" as enum ('VK', 'OK', 'TELEGRAM', 'MAX', 'DZEN', 'YOUTUBE', 'RUTUBE', 'WHATSAPP', 'VIBER');`);
    this.addSql(`create type "import_job_status" as enum ('RUNNING', 'DONE', 'FAILED');`);
    this.addSql(`create type "social_item_kind" as enum ('POST', 'COMMENT');`);
    this.addSql(`create type "channel_record_status" as enum ('ACCEPTED', 'REJECTED', 'PENDING_RETRY');`);
    this.addSql(`create table "official_page" ("id" uuid not null, "organization_id" uuid not null, "platform" "social_platform" not null, "url" text not null, "handle" text null, "name" text not null, "verified" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "official_page_pkey" primary key ("id"));`);
    this.addSql(`create index "official_page_organization_id_index" on "official_page" ("organization_id");`);
    this.addSql(`alter table "official_page" add constraint "official_page_url_unique" unique ("url");`);
    this.addSql(`alter table "official_page" add constraint "official_page_platform_handle_unique" unique ("platform", "handle");`);

    this.addSql(`create table "import_job" ("id" uuid not null, "adapter" text not null, "file_name" text null, "status" "import_job_status" not null default 'RUNNING', "total" int not null default 0, "processed" int not null default 0, "accepted" int not null default 0, "merged" int not null default 0, "rejected" int not null default 0, "pending_retry" int not null default 0, "error" text null, "options" jsonb null, "submitted_by_id" uuid null, "started_at" timestamptz not null, "finished_at" timestamptz null, constraint "import_job_pkey" primary key ("id"));`);
    this.addSql(`create index "import_job_started_at_index" on "import_job" ("started_at");`);

    this.addSql(`create table "social_item" ("id" uuid not null, "platform" "social_platform" not null, "kind" "social_item_kind" not null, "item_key" text not null, "url" text null, "author_handle" text null, "published_at" timestamptz null, "reach" int null, "official_page_id" uuid null, "appeal_id" uuid not null, "times_seen" int not null default 1, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "social_item_pkey" primary key ("id"));`);
    this.addSql(`alter table "social_item" add constraint "social_item_item_key_unique" unique ("item_key");`);
    this.addSql(`alter table "social_item" add constraint "social_item_url_unique" unique ("url");`);
    this.addSql(`create index "social_item_official_page_id_index" on "social_item" ("official_page_id");`);
    this.addSql(`create index "social_item_appeal_id_index" on "social_item" ("appeal_id");`);

    this.addSql(`create table "channel_record" ("id" uuid not null, "adapter" text not null, "channel" "channel" not null, "record_key" text not null, "external_id" text null, "job_id" uuid null, "position" int null, "raw" jsonb not null, "status" "channel_record_status" not null, "error_code" text null, "error_field" text null, "error_message" text null, "errors" jsonb null, "appeal_id" uuid null, "merged" boolean not null default false, "attempts" int not null default 0, "source_status" text null, "submitted_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "channel_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "channel_record" add constraint "channel_record_record_key_unique" unique ("record_key");`);
    this.addSql(`create index "channel_record_appeal_id_index" on "channel_record" ("appeal_id");`);
    this.addSql(`create index "channel_record_job_id_position_index" on "channel_record" ("job_id", "position");`);
    this.addSql(`create index "channel_record_status_updated_at_index" on "channel_record" ("status", "updated_at");`);

    this.addSql(`alter table "official_page" add constraint "official_page_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "import_job" add constraint "import_job_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "social_item" add constraint "social_item_official_page_id_foreign" foreign key ("official_page_id") references "official_page" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "social_item" add constraint "social_item_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade;`);

    this.addSql(`alter table "channel_record" add constraint "channel_record_job_id_foreign" foreign key ("job_id") references "import_job" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "channel_record" add constraint "channel_record_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "channel_record" add constraint "channel_record_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "social_item" drop constraint "social_item_official_page_id_foreign";`);

    this.addSql(`alter table "channel_record" drop constraint "channel_record_job_id_foreign";`);

    this.addSql(`drop table if exists "official_page" cascade;`);

    this.addSql(`drop table if exists "import_job" cascade;`);

    this.addSql(`drop table if exists "social_item" cascade;`);

    this.addSql(`drop table if exists "channel_record" cascade;`);

    this.addSql(`drop type "social_platform";`);
    this.addSql(`drop type "import_job_status";`);
    this.addSql(`drop type "social_item_kind";`);
    this.addSql(`drop type "channel_record_status";`);
  }

}
