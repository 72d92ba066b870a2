import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A change counter per reference table (organization, municipality, sector,
 * category), bumped by a statement trigger in the same transaction as the
 * change. Processes cache those tables and compare this counter once per
 * request, so a committed change is seen by the next request in every process
 * (see core/reference/reference-cache.ts). A table without a row has not
 * changed since the migration: version 0.
 */
@Entity({ tableName: 'reference_version' })
export class ReferenceVersion {
  @PrimaryKey({ type: 'text' })
  tableName!: string;

  @Property({ type: 'bigint', defaultRaw: '0' })
  version!: string;
}
