import { Migration } from '@mikro-orm/migrations';

/**
 * Users' token versions, channels' API keys, the personal-data access log
 * (append-only in the database, like the audit trail: 152-ФЗ art. 19), and
 * the table of login-failure counters that rate-limiter-flexible keeps
 * (shared by every API process, so a brute force cannot spread over them).
 */
export class Migration20261126102608_identity_and_access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "pii_access_log" ("id" uuid not null, "user_id" uuid not null, "appeal_id" uuid not null, "at" timestamptz not null, "fields" text[] not null, "request_id" text null, constraint "pii_access_log_pkey" primary key ("id"));`);
    this.addSql(`create index "pii_access_log_user_id_at_index" on "pii_access_log" ("user_id", "at");`);
    this.addSql(`create index "pii_access_log_appeal_id_at_index" on "pii_access_log" ("appeal_id", "at");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "name" text not null, "prefix" text not null, "secret_hash" text not null, "user_id" uuid not null, "organization_id" uuid null, "created_by_id" uuid null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);

    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "pii_access_log" add constraint "pii_access_log_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade;`);

    this.addSql(`alter table "api_key" add constraint "api_key_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "api_key" add constraint "api_key_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "api_key" add constraint "api_key_revoked_by_id_foreign" foreign key ("revoked_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "app_user" add column "token_version" int not null default 0;`);

    this.addSql(`create function pii_access_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'pii_access_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;`);
    this.addSql(`create trigger pii_access_log_no_update before update or delete on pii_access_log
  for each row execute function pii_access_log_append_only();`);
    this.addSql(`create trigger pii_access_log_no_truncate before truncate on pii_access_log
  for each statement execute function pii_access_log_append_only();`);

    // The layout rate-limiter-flexible's RateLimiterPostgres expects (key, points, expire in ms).
    this.addSql(`create table "login_throttle" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
    this.addSql(`create index "login_throttle_expire_index" on "login_throttle" ("expire");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_throttle";`);
    this.addSql(`drop function if exists pii_access_log_append_only() cascade;`);
    this.addSql(`drop table if exists "pii_access_log" cascade;`);

    this.addSql(`drop table if exists "api_key" cascade;`);

    this.addSql(`alter table "app_user" drop column "token_version";`);
  }

}
