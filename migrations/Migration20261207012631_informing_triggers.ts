import { Migration } from '@mikro-orm/migrations';

/**
 * Informing (core/announcements):
 * - announcement_event is append-only, as appeal_event (decree No. 335, clause 10);
 * - a change to `announcement` bumps its counter in reference_version, so every
 *   process's in-memory list of published announcements is read again within a
 *   second (core/announcements/active-announcements.ts);
 * - an ANNOUNCEMENT_MATCHED audit entry records the match in appeal_announcement,
 *   within the registration's own statement (no extra round trip per appeal).
 */
export class Migration20261207012631_informing_triggers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function announcement_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'announcement_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger announcement_event_no_update before update or delete on announcement_event
  for each row execute function announcement_event_append_only();`);
    this.addSql(`create trigger announcement_event_no_truncate before truncate on announcement_event
  for each statement execute function announcement_event_append_only();`);
    this.addSql(`create trigger announcement_reference_version after insert or update or delete or truncate on "announcement"
  for each statement execute function bump_reference_version();`);
    this.addSql(`create function appeal_event_announcement_match() returns trigger language plpgsql as $$
begin
  insert into appeal_announcement (announcement_id, appeal_id, matched_at, received_at)
  values ((new.data->>'announcementId')::uuid, new.appeal_id, new.at, coalesce((new.data->>'receivedAt')::timestamptz, new.at))
  on conflict do nothing;
  return null;
end $$;`);
    this.addSql(`create trigger appeal_event_announcement_match after insert on appeal_event
  for each row when (new.type = 'ANNOUNCEMENT_MATCHED') execute function appeal_event_announcement_match();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger appeal_event_announcement_match on appeal_event;`);
    this.addSql(`drop function appeal_event_announcement_match();`);
    this.addSql(`drop trigger announcement_reference_version on "announcement";`);
    this.addSql(`drop trigger announcement_event_no_truncate on announcement_event;`);
    this.addSql(`drop trigger announcement_event_no_update on announcement_event;`);
    this.addSql(`drop function announcement_event_append_only();`);
  }
}
