import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../entities/user.entity.js';
import { AnnouncementStatus } from './announcement-enums.js';
import { Announcement } from './announcement.entity.js';

/**
 * The audit trail of an announcement: created, approved, published,
 * withdrawn, queued for delivery. Append-only in the database (a trigger
 * refuses UPDATE and DELETE), as the appeals' trail (decree No. 335, clause 10).
 */
@Entity({ tableName: 'announcement_event' })
@Index({ properties: ['announcement', 'at'] })
export class AnnouncementEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Announcement, { ref: true })
  announcement!: Ref<Announcement>;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  actorUser?: Ref<User> | null;

  @Enum({ items: () => AnnouncementStatus, nativeEnumName: 'announcement_status', nullable: true })
  fromStatus?: AnnouncementStatus | null;

  @Enum({ items: () => AnnouncementStatus, nativeEnumName: 'announcement_status', nullable: true })
  toStatus?: AnnouncementStatus | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}
