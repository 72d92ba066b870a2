import { Migration } from '@mikro-orm/migrations';

export class Migration20261126102745_deadline_alert extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "deadline_state" as enum ('ON_TIME', 'AT_RISK', 'OVERDUE', 'MET', 'MISSED');`);
    this.addSql(`create table "deadline_alert" ("id" uuid not null, "appeal_id" uuid not null, "state" "deadline_state" not null, "due_at" timestamptz not null, "at" timestamptz not null, constraint "deadline_alert_pkey" primary key ("id"));`);
    this.addSql(`alter table "deadline_alert" add constraint "deadline_alert_appeal_id_state_due_at_unique" unique ("appeal_id", "state", "due_at");`);

    this.addSql(`alter table "deadline_alert" add constraint "deadline_alert_appeal_id_foreign" foreign key ("appeal_id") references "appeal" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "deadline_alert" cascade;`);

    this.addSql(`drop type "deadline_state";`);
  }

}
