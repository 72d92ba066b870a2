import { Migration } from '@mikro-orm/migrations';

export class Migration20261207041302_open311_channel extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "channel" add value if not exists 'OPEN311' after 'MEDIA';`);
  }

}
