import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for analytics (core/analytics/appeal-signals.sql.ts): the redirect
 * and return-for-rework signals are read as sets of appeal ids (hashed
 * subplans) in every stats, rating and report query; partial indexes hold
 * just those few per cent of the audit trail, so the sets are read by an
 * index-only scan instead of a scan of the whole trail. The answer texts of
 * the boilerplate check are read by time; the answers, ratings and unanswered
 * appeals of a period by partial indexes on their moments.
 */
export class Migration20261126112910_analytics_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index appeal_event_redirected_idx on appeal_event (appeal_id) where type = 'REDIRECTED' or to_status = 'REDIRECTED';`);
    this.addSql(`create index appeal_event_returned_idx on appeal_event (appeal_id)
      where type = 'ANSWER_RETURNED' or (type = 'ANSWER_REVIEWED' and data->>'decision' = 'RETURN');`);
    this.addSql(`create index appeal_answered_at_idx on appeal (answered_at) where answered_at is not null;`);
    // Ratings of a period (negative ratings, clause 8) and the still unanswered (overdue lists, the overdue filter).
    this.addSql(`create index appeal_rated_at_idx on appeal (rated_at) where satisfaction_score is not null;`);
    this.addSql(`create index appeal_unanswered_due_at_idx on appeal (due_at) where answered_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index appeal_unanswered_due_at_idx;`);
    this.addSql(`drop index appeal_rated_at_idx;`);
    this.addSql(`drop index appeal_answered_at_idx;`);
    this.addSql(`drop index appeal_event_returned_idx;`);
    this.addSql(`drop index appeal_event_redirected_idx;`);
  }
}
