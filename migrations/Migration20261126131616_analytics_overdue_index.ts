import { Migration } from '@mikro-orm/migrations';

/**
 * The overdue appeals of months the analytics rollup serves are counted live
 * (overdue depends on the clock): a partial index of exactly the appeals that
 * can be overdue (open, unanswered, clock running), by received_at, with the
 * rollup's keys included, so the count is an index-only scan of a few per cent
 * of the table.
 */
export class Migration20261126131616_analytics_overdue_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "appeal_overdue_candidates_idx" on "appeal" ("received_at") include ("due_at", "organization_id", "municipality_id", "sector_id") where answered_at is null and paused_at is null and status in ('NEW','REGISTERED','ASSIGNED','IN_PROGRESS','ON_REVIEW','REDIRECTED','REOPENED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appeal_overdue_candidates_idx";`);
  }

}
