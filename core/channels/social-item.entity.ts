import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../entities/appeal.entity.js';
import { OfficialPage } from '../official-pages/official-page.entity.js';
import { SocialItemKind, SocialPlatform } from '../entities/channel-enums.js';

/**
 * A post or comment that became an incident. One row per distinct item:
 * the same post seen again (same platform id, or same URL) is merged into
 * this row and its incident, never a second incident.
 */
@Entity({ tableName: 'social_item' })
export class SocialItem {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => SocialPlatform, nativeEnumName: 'social_platform' })
  platform!: SocialPlatform;

  @Enum({ items: () => SocialItemKind, nativeEnumName: 'social_item_kind' })
  kind!: SocialItemKind;

  /** `<platform>:<id on the platform>`, or `<platform>:url:<normalised URL>` when the source gave no id. */
  @Property({ type: 'text', unique: true })
  itemKey!: string;

  @Property({ type: 'text', nullable: true, unique: true })
  url?: string | null;

  @Property({ type: 'text', nullable: true })
  authorHandle?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  /** The largest reach reported (views or subscribers reached). */
  @Property({ type: 'integer', nullable: true })
  reach?: number | null;

  @Index()
  @ManyToOne(() => OfficialPage, { ref: true, nullable: true, deleteRule: 'set null' })
  officialPage?: Ref<OfficialPage> | null;

  @Index()
  @ManyToOne(() => Appeal, { ref: true })
  appeal!: Ref<Appeal>;

  /** On the incident's first item: how many records reported it (the first and its duplicates); 0 on a duplicate's own row. */
  @Property({ type: 'integer', default: 1 })
  timesSeen: number = 1;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  firstSeenAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  lastSeenAt!: Date;
}
