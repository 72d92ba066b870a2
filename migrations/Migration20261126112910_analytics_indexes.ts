import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for analytics (core/analytics/appeal-signals.sql.ts): the redirect
 * and return-for-rework signals are read as sets of appeal ids (hashed
 * subplans) in every stats, rating and report query; partial indexes hold
 * just those few per cent of the audit trail, so the sets are read by an
 * index-only scan instead of a scan of the whole trail. The answer texts of
 * the boilerplate check are read by time.
 */
export class Migration20261126112910_analytics_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index appeal_event_redirected_idx on appeal_event (appeal_id) where type = 'REDIRECTED' or to_status = 'REDIRECTED';`);
    this.addSql(`create index appeal_event_returned_idx on appeal_event (appeal_id)
      where type = 'ANSWER_RETURNED' or (type = 'ANSWER_REVIEWED' and data->>'decision' = 'RETURN');`);
    this.addSql(`create index appeal_answered_at_idx on appeal (answered_at) where answered_at is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index appeal_answered_at_idx;`);
    this.addSql(`drop index appeal_event_returned_idx;`);
    this.addSql(`drop index appeal_event_redirected_idx;`);
  }
}
