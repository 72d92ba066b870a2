import { Migration } from '@mikro-orm/migrations';

/**
 * Search in Russian (issue 15 item 1): pg_trgm (a trusted extension: the
 * database owner may create it), a GIN index of the full-text document
 * (russian configuration) and a trigram index of the place. The expressions
 * are those of core/db/appeal-search.sql.ts, as the appeal entity declares them.
 */
export class Migration20261207015006_appeal_search extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create index "appeal_search_idx" on "appeal" using gin (to_tsvector('russian'::regconfig, coalesce(number, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(address, '') || ' ' || text));`);
    this.addSql(`create index "appeal_place_trgm_idx" on "appeal" using gin ((coalesce(address, '') || ' ' || coalesce(summary, '')) gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appeal_place_trgm_idx";`);
    this.addSql(`drop index "appeal_search_idx";`);
  }

}
