import { Migration } from '@mikro-orm/migrations';

export class Migration20261207162526_organization_roles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organization" add column "roles" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop column "roles";`);
  }

}
