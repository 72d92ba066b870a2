import { Migration } from '@mikro-orm/migrations';

/**
 * The monthly report at the largest region's density (both additive, partial, covering):
 * - workload's open appeals (spread over every year: a bitmap scan of the table read ~160,000 pages)
 *   with every column of its statement, so that half of it is index-only;
 * - each body's unanswered appeals by (due date, number), so that the overdue section reads a body's
 *   five oldest five at a time instead of ranking every overdue appeal.
 */
export class Migration20261207213135_report_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "appeal_open_workload_idx" on "appeal" ("sector_id", "assignee_id") include ("status", "answered_at", "due_at", "paused_at", "received_at", "paused_ms", "organization_id") where status in ('NEW','REGISTERED','ASSIGNED','IN_PROGRESS','ON_REVIEW','REDIRECTED','REOPENED');`);
    this.addSql(`create index "appeal_unanswered_organization_due_idx" on "appeal" ("organization_id", "due_at", "number") include ("received_at", "closed_at", "status", "paused_at") where answered_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appeal_open_workload_idx";`);
    this.addSql(`drop index "appeal_unanswered_organization_due_idx";`);
  }

}
