import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../entities/appeal.entity.js';
import { OfficialPage } from './official-page.entity.js';

/**
 * A resident's comment or message on a body's official page, taken in as an
 * appeal (channel SOCIAL_MEDIA). One row per (page, comment id on the
 * platform): the unique key makes the intake idempotent also under
 * concurrent calls and across the two doors (the mutation and the social
 * channel's batch intake).
 */
@Entity({ tableName: 'official_page_comment' })
@Unique({ properties: ['page', 'commentId'] })
@Index({ properties: ['page', 'postedAt'] })
export class OfficialPageComment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => OfficialPage, { ref: true, deleteRule: 'cascade' })
  page!: Ref<OfficialPage>;

  /** The comment's id on the platform. */
  @Property({ type: 'text' })
  commentId!: string;

  /** The post it was left under; null for a direct message to the page. */
  @Property({ type: 'text', nullable: true })
  postId?: string | null;

  @Property({ type: 'text', nullable: true })
  authorHandle?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  postedAt!: Date;

  @Index()
  @ManyToOne(() => Appeal, { ref: true })
  appeal!: Ref<Appeal>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
