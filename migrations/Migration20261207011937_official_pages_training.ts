import { Migration } from '@mikro-orm/migrations';

export class Migration20261207011937_official_pages_training extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "official_page_post" ("id" uuid not null, "page_id" uuid not null, "post_id" text not null, "published_at" timestamptz not null, "title" text null, "announcement_id" uuid null, "created_at" timestamptz not null, constraint "official_page_post_pkey" primary key ("id"));`);
    this.addSql(`create index "official_page_post_page_id_published_at_index" on "official_page_post" ("page_id", "published_at");`);
    this.addSql(`alter table "official_page_post" add constraint "official_page_post_page_id_post_id_unique" unique ("page_id", "post_id");`);

    this.addSql(`create table "seminar" ("id" uuid not null, "topic" text not null, "title" text not null, "starts_at" timestamptz not null, "format" text null, "materials" text[] not null, "trainer" text null, "organization_ids" uuid[] not null, "target_roles" text[] not null, "created_at" timestamptz not null, constraint "seminar_pkey" primary key ("id"));`);
    this.addSql(`create index "seminar_topic_index" on "seminar" ("topic");`);
    this.addSql(`create index "seminar_starts_at_index" on "seminar" ("starts_at");`);

    this.addSql(`create table "seminar_attendance" ("id" uuid not null, "seminar_id" uuid not null, "user_id" uuid not null, "recorded_at" timestamptz not null, constraint "seminar_attendance_pkey" primary key ("id"));`);
    this.addSql(`create index "seminar_attendance_user_id_index" on "seminar_attendance" ("user_id");`);
    this.addSql(`alter table "seminar_attendance" add constraint "seminar_attendance_seminar_id_user_id_unique" unique ("seminar_id", "user_id");`);

    this.addSql(`create table "official_page_comment" ("id" uuid not null, "page_id" uuid not null, "comment_id" text not null, "post_id" text null, "author_handle" text null, "posted_at" timestamptz not null, "appeal_id" uuid not null, "created_at" timestamptz not null, constraint "official_page_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "official_page_comment_appeal_id_index" on "official_page_comment" ("appeal_id");`);
    this.addSql(`create index "official_page_comment_page_id_posted_at_index" on "official_page_comment" ("page_id", "posted_at");`);
    this.addSql(`alter table "official_page_comment" add constraint "official_page_comment_page_id_comment_id_unique" unique ("page_id", "comment_id");`);

    this.addSql(`alter table "official_page_post" add constraint "official_page_post_page_id_foreign" foreign key ("page_id") references "official_page" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "seminar_attendance" add constraint "seminar_attendance_seminar_id_foreign" foreign key ("seminar_id") references "seminar" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "seminar_attendance" add constraint "seminar_attendance_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "official_page_comment" add constraint "official_page_comment_page_id_foreign" foreign key ("page_id") references "official_page" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "official_page_comment" add constraint "official_page_comment_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade;`);

  }

  override async down(): Promise<void> {
    this.addSql(`alter table "seminar_attendance" drop constraint "seminar_attendance_seminar_id_foreign";`);


    this.addSql(`drop table if exists "official_page_post" cascade;`);

    this.addSql(`drop table if exists "seminar" cascade;`);

    this.addSql(`drop table if exists "seminar_attendance" cascade;`);

    this.addSql(`drop table if exists "official_page_comment" cascade;`);
  }

}
