import { Migration } from '@mikro-orm/migrations';

/**
 * The official pages' monthly rollup of the PAGE_ADMIN_TRAINING rule
 * (core/recommendations/page-rollup.ts), rebuilt with the analytics rollup's
 * months, and the marks that keep it honest (analytics_dirty, UTC days):
 * - a comment inserted, changed or deleted: the day it was posted on, and the
 *   day its appeal was answered on (the rollup keeps the latest answer per month of the answer);
 * - an appeal whose answer time changed: the posting days of its comments and
 *   both answer days (old and new).
 * Beside them, for ANSWER_QUALITY, the answers per body and month and the
 * running totals per body and text fingerprint over the months held, seeded
 * here from the months `recommendation_answer_text` already holds (the refresh
 * subtracts a month's old rows before adding its new ones).
 * The months the analytics rollup holds are dropped, so that the next refresh
 * builds the new table (until then they are read from the rows).
 */
export class Migration20261207151159_recommendation_page extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "recommendation_answer_count" ("month" timestamp not null, "organization_id" uuid not null, "n" int not null, constraint "recommendation_answer_count_pkey" primary key ("month", "organization_id"));`);

    this.addSql(`create table "recommendation_answer_total" ("organization_id" uuid not null, "h" bigint not null, "n" int not null, constraint "recommendation_answer_total_pkey" primary key ("organization_id", "h"));`);
    this.addSql(`create index "recommendation_answer_total_n_index" on "recommendation_answer_total" ("n");`);

    this.addSql(`create table "recommendation_page" ("month" timestamp not null, "page_id" uuid not null, "comments" int not null, "answered" int not null, "last_answer_at" timestamptz null, constraint "recommendation_page_pkey" primary key ("month", "page_id"));`);

    this.addSql(`insert into recommendation_answer_total (organization_id, h, n) select organization_id, h, sum(n)::int from recommendation_answer_text group by 1, 2;`);
    this.addSql(`insert into recommendation_answer_count (month, organization_id, n) select month, organization_id, sum(n)::int from recommendation_answer_text group by 1, 2;`);

    this.addSql(`create function recommendation_mark_page_comments() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into analytics_dirty (day)
      select distinct d from (
        select (c.posted_at at time zone 'UTC')::date as d from new_rows c
        union all
        select (a.answered_at at time zone 'UTC')::date from new_rows c join appeal a on a.id = c.appeal_id where a.answered_at is not null
      ) changed;
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    insert into analytics_dirty (day)
      select distinct d from (
        select (c.posted_at at time zone 'UTC')::date as d from old_rows c
        union all
        select (a.answered_at at time zone 'UTC')::date from old_rows c join appeal a on a.id = c.appeal_id where a.answered_at is not null
      ) changed;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger recommendation_mark_comment_insert after insert on official_page_comment
      referencing new table as new_rows for each statement execute function recommendation_mark_page_comments();`);
    this.addSql(`create trigger recommendation_mark_comment_update after update on official_page_comment
      referencing old table as old_rows new table as new_rows for each statement execute function recommendation_mark_page_comments();`);
    this.addSql(`create trigger recommendation_mark_comment_delete after delete on official_page_comment
      referencing old table as old_rows for each statement execute function recommendation_mark_page_comments();`);

    this.addSql(`create function recommendation_mark_page_answers() returns trigger language plpgsql as $$
begin
  insert into analytics_dirty (day)
    select distinct d from (
      select unnest(array[(c.posted_at at time zone 'UTC')::date, (n.answered_at at time zone 'UTC')::date, (o.answered_at at time zone 'UTC')::date]) as d
      from new_rows n join old_rows o on o.id = n.id join official_page_comment c on c.appeal_id = n.id
      where n.answered_at is distinct from o.answered_at
    ) changed where d is not null;
  return null;
end $$;`);
    this.addSql(`create trigger recommendation_mark_page_answer_update after update on appeal
      referencing old table as old_rows new table as new_rows for each statement execute function recommendation_mark_page_answers();`);

    this.addSql(`delete from analytics_rollup_month;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger recommendation_mark_page_answer_update on appeal;`);
    this.addSql(`drop function recommendation_mark_page_answers();`);
    this.addSql(`drop trigger recommendation_mark_comment_delete on official_page_comment;`);
    this.addSql(`drop trigger recommendation_mark_comment_update on official_page_comment;`);
    this.addSql(`drop trigger recommendation_mark_comment_insert on official_page_comment;`);
    this.addSql(`drop function recommendation_mark_page_comments();`);
    this.addSql(`drop table if exists "recommendation_answer_count" cascade;`);

    this.addSql(`drop table if exists "recommendation_answer_total" cascade;`);

    this.addSql(`drop table if exists "recommendation_page" cascade;`);
  }

}
