import { Migration } from '@mikro-orm/migrations';

/**
 * A channel's key names its channel: the ПОС outbox answers only keys of the ПОС (issue 14).
 * (The generator also proposed dropping `login_throttle`, which has no entity: kept, the
 * login throttle's counters live there.)
 */
export class Migration20261207021348_api_key_channel extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_key" add column "channel" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_key" drop column "channel";`);
  }

}
