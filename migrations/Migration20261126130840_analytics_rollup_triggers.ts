import { Migration } from '@mikro-orm/migrations';

/**
 * Keeps the analytics rollup honest (core/analytics/rollup): every change that
 * can alter a rollup cell appends a mark for the UTC day on which the changed
 * appeals were received, in the same transaction as the change. Statement
 * triggers with transition tables: one insert per statement, however many
 * rows, and append-only, so concurrent writers never wait on each other.
 * A month with a mark is read from `appeal` until the refresh job has rebuilt
 * it (rollup-refresh.service.ts), so stats are exact at every moment.
 *
 * On `appeal`, an update marks only rows whose rolled-up columns changed
 * (assignment, text edits, pauses, etc. leave the rollup as it is). On
 * `appeal_event`, the signals of appeal-signals.sql.ts (redirects, returns for
 * rework) mark the appeal's day; a superset: any ANSWER_REVIEWED.
 */
export class Migration20261126130840_analytics_rollup_triggers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function analytics_mark_appeals() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into analytics_dirty (day)
      select distinct (n.received_at at time zone 'UTC')::date from new_rows n where n.received_at is not null;
  elsif tg_op = 'DELETE' then
    insert into analytics_dirty (day)
      select distinct (o.received_at at time zone 'UTC')::date from old_rows o where o.received_at is not null;
  else
    insert into analytics_dirty (day)
      select distinct d from (
        select unnest(array[(n.received_at at time zone 'UTC')::date, (o.received_at at time zone 'UTC')::date]) as d
        from new_rows n join old_rows o on o.id = n.id
        where (n.received_at, n.organization_id, n.municipality_id, n.sector_id, n.status, n.answered_at, n.due_at,
               n.paused_ms, n.satisfaction_score, n.is_repeat)
          is distinct from
              (o.received_at, o.organization_id, o.municipality_id, o.sector_id, o.status, o.answered_at, o.due_at,
               o.paused_ms, o.satisfaction_score, o.is_repeat)
      ) changed where d is not null;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger analytics_mark_appeal_insert after insert on appeal
      referencing new table as new_rows for each statement execute function analytics_mark_appeals();`);
    this.addSql(`create trigger analytics_mark_appeal_update after update on appeal
      referencing old table as old_rows new table as new_rows for each statement execute function analytics_mark_appeals();`);
    this.addSql(`create trigger analytics_mark_appeal_delete after delete on appeal
      referencing old table as old_rows for each statement execute function analytics_mark_appeals();`);

    this.addSql(`create function analytics_truncate_rollup() returns trigger language plpgsql as $$
begin
  delete from analytics_rollup_month;
  delete from analytics_rollup;
  return null;
end $$;`);
    this.addSql(`create trigger analytics_truncate_appeal after truncate on appeal for each statement execute function analytics_truncate_rollup();`);

    this.addSql(`create function analytics_mark_events() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into analytics_dirty (day)
      select distinct (a.received_at at time zone 'UTC')::date from new_rows e join appeal a on a.id = e.appeal_id
      where (e.type in ('REDIRECTED', 'ANSWER_RETURNED', 'ANSWER_REVIEWED') or e.to_status = 'REDIRECTED') and a.received_at is not null;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    insert into analytics_dirty (day)
      select distinct (a.received_at at time zone 'UTC')::date from old_rows e join appeal a on a.id = e.appeal_id
      where (e.type in ('REDIRECTED', 'ANSWER_RETURNED', 'ANSWER_REVIEWED') or e.to_status = 'REDIRECTED') and a.received_at is not null;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger analytics_mark_event_insert after insert on appeal_event
      referencing new table as new_rows for each statement execute function analytics_mark_events();`);
    this.addSql(`create trigger analytics_mark_event_update after update on appeal_event
      referencing old table as old_rows new table as new_rows for each statement execute function analytics_mark_events();`);
    this.addSql(`create trigger analytics_mark_event_delete after delete on appeal_event
      referencing old table as old_rows for each statement execute function analytics_mark_events();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger analytics_mark_event_delete on appeal_event;`);
    this.addSql(`drop trigger analytics_mark_event_update on appeal_event;`);
    this.addSql(`drop trigger analytics_mark_event_insert on appeal_event;`);
    this.addSql(`drop function analytics_mark_events();`);
    this.addSql(`drop trigger analytics_truncate_appeal on appeal;`);
    this.addSql(`drop function analytics_truncate_rollup();`);
    this.addSql(`drop trigger analytics_mark_appeal_delete on appeal;`);
    this.addSql(`drop trigger analytics_mark_appeal_update on appeal;`);
    this.addSql(`drop trigger analytics_mark_appeal_insert on appeal;`);
    this.addSql(`drop function analytics_mark_appeals();`);
  }
}
