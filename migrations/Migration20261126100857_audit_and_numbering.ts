import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail is append-only in the database itself: what the ЦУР records
 * counts as an official letter (decree No. 335, clause 10), so not even the
 * application may rewrite it. Registration numbers come from a sequence.
 */
export class Migration20261126100857_audit_and_numbering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function appeal_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'appeal_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;`);
    this.addSql(`create trigger appeal_event_no_update before update or delete on appeal_event
  for each row execute function appeal_event_append_only();`);
    this.addSql(`create trigger appeal_event_no_truncate before truncate on appeal_event
  for each statement execute function appeal_event_append_only();`);
    this.addSql(`create sequence appeal_number_seq;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop sequence appeal_number_seq;`);
    this.addSql(`drop trigger appeal_event_no_truncate on appeal_event;`);
    this.addSql(`drop trigger appeal_event_no_update on appeal_event;`);
    this.addSql(`drop function appeal_event_append_only();`);
  }
}
