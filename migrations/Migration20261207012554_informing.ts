import { Migration } from '@mikro-orm/migrations';

export class Migration20261207012554_informing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "delivery_channel" as enum ('EMAIL', 'SMS', 'POS', 'OFFICIAL_PAGE', 'DRY_RUN');`);
    this.addSql(`create type "delivery_status" as enum ('QUEUED', 'SENDING', 'SENT', 'FAILED');`);
    this.addSql(`create type "announcement_kind" as enum ('OUTAGE', 'WORKS', 'EMERGENCY', 'INFO');`);
    this.addSql(`create type "announcement_status" as enum ('DRAFT', 'APPROVED', 'PUBLISHED', 'WITHDRAWN');`);
    this.addSql(`create table "notification_contact" ("contact_key" text not null, "token_hash" text not null, "opted_out_at" timestamptz null, constraint "notification_contact_pkey" primary key ("contact_key"));`);
    this.addSql(`alter table "notification_contact" add constraint "notification_contact_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "notification_message" ("id" uuid not null, "source" text not null, "source_id" uuid not null, "subject" text not null, "body" text not null, "short_text" text not null, "created_at" timestamptz not null, constraint "notification_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "notification_message" add constraint "notification_message_source_source_id_unique" unique ("source", "source_id");`);

    this.addSql(`create table "notification_outbox" ("id" bigserial primary key, "message_id" uuid not null, "channel" "delivery_channel" not null, "recipient" text not null, "recipient_key" text not null, "status" "delivery_status" not null default 'QUEUED', "attempts" int not null default 0, "possible_repeats" int not null default 0, "next_attempt_at" timestamptz not null, "claimed_at" timestamptz null, "sent_at" timestamptz null, "last_error" text null, "created_at" timestamptz not null);`);
    this.addSql(`create index "notification_outbox_sending_idx" on "notification_outbox" ("claimed_at") where status = 'SENDING';`);
    this.addSql(`create index "notification_outbox_due_idx" on "notification_outbox" ("next_attempt_at", "id") where status = 'QUEUED';`);
    this.addSql(`create index "notification_outbox_recipient_key_index" on "notification_outbox" ("recipient_key");`);
    this.addSql(`alter table "notification_outbox" add constraint "notification_outbox_message_id_channel_recipient_key_unique" unique ("message_id", "channel", "recipient_key");`);

    this.addSql(`create table "announcement" ("id" uuid not null, "version" int not null default 1, "kind" "announcement_kind" not null, "status" "announcement_status" not null default 'DRAFT', "title" text not null, "body" text not null, "audience" jsonb not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "organization_id" uuid null, "created_by_id" uuid null, "published_at" timestamptz null, "withdraw_reason" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "announcement_pkey" primary key ("id"));`);
    this.addSql(`create index "announcement_created_at_id_index" on "announcement" ("created_at", "id");`);
    this.addSql(`create index "announcement_status_valid_from_index" on "announcement" ("status", "valid_from");`);

    this.addSql(`create table "appeal_announcement" ("announcement_id" uuid not null, "appeal_id" uuid not null, "matched_at" timestamptz not null, "received_at" timestamptz not null, constraint "appeal_announcement_pkey" primary key ("announcement_id", "appeal_id"));`);
    this.addSql(`create index "appeal_announcement_appeal_id_index" on "appeal_announcement" ("appeal_id");`);

    this.addSql(`create table "announcement_event" ("id" uuid not null, "announcement_id" uuid not null, "type" text not null, "at" timestamptz not null, "actor_user_id" uuid null, "from_status" "announcement_status" null, "to_status" "announcement_status" null, "reason" text null, "data" jsonb null, constraint "announcement_event_pkey" primary key ("id"));`);
    this.addSql(`create index "announcement_event_announcement_id_at_index" on "announcement_event" ("announcement_id", "at");`);

    this.addSql(`alter table "notification_outbox" add constraint "notification_outbox_message_id_foreign" foreign key ("message_id") references "notification_message" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "announcement" add constraint "announcement_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "announcement" add constraint "announcement_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "appeal_announcement" add constraint "appeal_announcement_announcement_id_foreign" foreign key ("announcement_id") references "announcement" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "appeal_announcement" add constraint "appeal_announcement_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "announcement_event" add constraint "announcement_event_announcement_id_foreign" foreign key ("announcement_id") references "announcement" ("id") on update cascade;`);
    this.addSql(`alter table "announcement_event" add constraint "announcement_event_actor_user_id_foreign" foreign key ("actor_user_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "appeal" add column "author_notify_consent" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification_outbox" drop constraint "notification_outbox_message_id_foreign";`);

    this.addSql(`alter table "appeal_announcement" drop constraint "appeal_announcement_announcement_id_foreign";`);

    this.addSql(`alter table "announcement_event" drop constraint "announcement_event_announcement_id_foreign";`);

    this.addSql(`drop table if exists "notification_contact" cascade;`);

    this.addSql(`drop table if exists "notification_message" cascade;`);

    this.addSql(`drop table if exists "notification_outbox" cascade;`);

    this.addSql(`drop table if exists "announcement" cascade;`);

    this.addSql(`drop table if exists "appeal_announcement" cascade;`);

    this.addSql(`drop table if exists "announcement_event" cascade;`);

    this.addSql(`alter table "appeal" drop column "author_notify_consent";`);

    this.addSql(`drop type "delivery_channel";`);
    this.addSql(`drop type "delivery_status";`);
    this.addSql(`drop type "announcement_kind";`);
    this.addSql(`drop type "announcement_status";`);
  }

}
