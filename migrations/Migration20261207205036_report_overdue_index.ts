import { Migration } from '@mikro-orm/migrations';

/**
 * The monthly report's overdue section: each body's five oldest appeals overdue at the end of the month,
 * read five at a time per body in (due date, number) order instead of ranking every overdue appeal
 * (a six-figure count at the largest region). Partial (unanswered only) and covering the predicate's
 * columns, so the walk is index-only. Additive.
 */
export class Migration20261207205036_report_overdue_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "appeal_unanswered_organization_due_idx" on "appeal" ("organization_id", "due_at", "number") include ("received_at", "closed_at", "status", "paused_at") where answered_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appeal_unanswered_organization_due_idx";`);
  }

}
