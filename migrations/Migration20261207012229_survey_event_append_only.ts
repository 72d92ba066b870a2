import { Migration } from '@mikro-orm/migrations';

/**
 * A survey's audit trail is append-only in the database itself, like the
 * appeals' trail (migration audit_and_numbering): not even the application
 * may rewrite what was done to a poll whose results an official report cites.
 */
export class Migration20261207012229_survey_event_append_only extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function survey_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'survey_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;`);
    this.addSql(`create trigger survey_event_no_update before update or delete on survey_event
  for each row execute function survey_event_append_only();`);
    this.addSql(`create trigger survey_event_no_truncate before truncate on survey_event
  for each statement execute function survey_event_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger survey_event_no_truncate on survey_event;`);
    this.addSql(`drop trigger survey_event_no_update on survey_event;`);
    this.addSql(`drop function survey_event_append_only();`);
  }
}
