import { Migration } from '@mikro-orm/migrations';

export class Migration20261207115937_survey_consent_follow_up extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "survey_consent" ("contact_key" text not null, "consent" boolean not null, "appeal_id" uuid null, "recorded_at" timestamptz not null, "recorded_by_id" uuid null, constraint "survey_consent_pkey" primary key ("contact_key"));`);

    this.addSql(`alter table "survey_consent" add constraint "survey_consent_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "survey_consent" add constraint "survey_consent_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "survey" add column "follow_up_after_rating" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "survey_consent" cascade;`);

    this.addSql(`alter table "survey" drop column "follow_up_after_rating";`);
  }

}
