import { Entity, Index, ManyToOne, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Appeal } from '../entities/appeal.entity.js';
import { Announcement } from './announcement.entity.js';

/**
 * Which new appeals an announcement answered at intake. Written by a trigger
 * on `appeal_event` (type ANNOUNCEMENT_MATCHED, migration
 * announcement_match_trigger), so the registration's own statement stores it:
 * no extra round trip per appeal.
 */
@Entity({ tableName: 'appeal_announcement' })
@Index({ properties: ['appeal'] })
export class AppealAnnouncement {
  [PrimaryKeyProp]?: ['announcement', 'appeal'];

  @ManyToOne(() => Announcement, { primary: true, ref: true, deleteRule: 'cascade' })
  announcement!: Ref<Announcement>;

  @ManyToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  matchedAt!: Date;

  /** When the appeal was received (copied for analytics by period without a join). */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;
}
