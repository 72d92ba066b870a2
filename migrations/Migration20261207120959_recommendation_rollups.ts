import { Migration } from '@mikro-orm/migrations';

/**
 * The rollups of the recommendation rules (core/recommendations/recommendation-rollup.ts),
 * rebuilt month by month with the analytics rollup, and the marks that keep them
 * honest: analytics_dirty already marks the receipt day of an appeal whose body,
 * receipt or repeat flag changed; these triggers add
 * - the UTC day of an answer text sent (an `ANSWERED` event with `data.text`; an
 *   accepted `appeal_response` inserted, changed or deleted), since the answer-text
 *   rollup is keyed by the month of the answer;
 * - the days of every answer of an appeal whose body changed;
 * - the receipt day of an appeal whose category or address changed (the repeats rollup).
 * The months the analytics rollup holds are dropped, so that the next refresh
 * rebuilds them with the new tables (until then they are read from the rows).
 */
export class Migration20261207120959_recommendation_rollups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "recommendation_answer_text" ("month" timestamp not null, "organization_id" uuid not null, "h" bigint not null, "n" int not null, "text" text not null, constraint "recommendation_answer_text_pkey" primary key ("month", "organization_id", "h"));`);

    this.addSql(`create table "recommendation_repeat" ("month" timestamp not null, "organization_id" uuid not null, "category_id" uuid not null, "street" text not null, "n" int not null, "ids" text[] not null, constraint "recommendation_repeat_pkey" primary key ("month", "organization_id", "category_id", "street"));`);

    this.addSql(`create function recommendation_mark_answer_events() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty (day)
    select distinct (e.at at time zone 'UTC')::date from new_rows e where e.type = 'ANSWERED' and e.data->>'text' is not null;
  return null;
end $$;`);
    this.addSql(`create trigger recommendation_mark_event_insert after insert on appeal_event
      referencing new table as new_rows for each statement execute function recommendation_mark_answer_events();`);

    this.addSql(`create function recommendation_mark_responses() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into analytics_dirty (day)
      select distinct (coalesce(r.reviewed_at, r.created_at) at time zone 'UTC')::date from new_rows r where r.review_decision = 'ACCEPT';
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    insert into analytics_dirty (day)
      select distinct (coalesce(r.reviewed_at, r.created_at) at time zone 'UTC')::date from old_rows r where r.review_decision = 'ACCEPT';
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger recommendation_mark_response_insert after insert on appeal_response
      referencing new table as new_rows for each statement execute function recommendation_mark_responses();`);
    this.addSql(`create trigger recommendation_mark_response_update after update on appeal_response
      referencing old table as old_rows new table as new_rows for each statement execute function recommendation_mark_responses();`);
    this.addSql(`create trigger recommendation_mark_response_delete after delete on appeal_response
      referencing old table as old_rows for each statement execute function recommendation_mark_responses();`);

    this.addSql(`create function recommendation_mark_appeals() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty (day)
    select distinct d from (
      select (n.received_at at time zone 'UTC')::date as d from new_rows n join old_rows o on o.id = n.id
      where (n.category_id, n.address) is distinct from (o.category_id, o.address) and n.received_at is not null
      union all
      select (o.received_at at time zone 'UTC')::date from new_rows n join old_rows o on o.id = n.id
      where (n.category_id, n.address) is distinct from (o.category_id, o.address) and o.received_at is not null
      union all
      select (e.at at time zone 'UTC')::date from new_rows n join old_rows o on o.id = n.id join appeal_event e on e.appeal_id = n.id
      where n.organization_id is distinct from o.organization_id and e.type = 'ANSWERED' and e.data->>'text' is not null
      union all
      select (coalesce(r.reviewed_at, r.created_at) at time zone 'UTC')::date from new_rows n join old_rows o on o.id = n.id
        join appeal_response r on r.appeal_id = n.id
      where n.organization_id is distinct from o.organization_id and r.review_decision = 'ACCEPT'
    ) changed;
  return null;
end $$;`);
    this.addSql(`create trigger recommendation_mark_appeal_update after update on appeal
      referencing old table as old_rows new table as new_rows for each statement execute function recommendation_mark_appeals();`);

    this.addSql(`delete from analytics_rollup_month;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger recommendation_mark_appeal_update on appeal;`);
    this.addSql(`drop function recommendation_mark_appeals();`);
    this.addSql(`drop trigger recommendation_mark_response_delete on appeal_response;`);
    this.addSql(`drop trigger recommendation_mark_response_update on appeal_response;`);
    this.addSql(`drop trigger recommendation_mark_response_insert on appeal_response;`);
    this.addSql(`drop function recommendation_mark_responses();`);
    this.addSql(`drop trigger recommendation_mark_event_insert on appeal_event;`);
    this.addSql(`drop function recommendation_mark_answer_events();`);
    this.addSql(`drop table if exists "recommendation_answer_text" cascade;`);

    this.addSql(`drop table if exists "recommendation_repeat" cascade;`);
  }

}
