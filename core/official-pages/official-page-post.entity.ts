import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { OfficialPage } from './official-page.entity.js';

/**
 * A post the body published on its official page: the page's own activity
 * (metrics: posts, last activity, silence). Recorded through the API
 * (`recordOfficialPagePost`), or by the announcements feature when it
 * publishes to a page (`announcementId`, see official-page-posts.service.ts).
 */
@Entity({ tableName: 'official_page_post' })
@Unique({ properties: ['page', 'postId'] })
@Index({ properties: ['page', 'publishedAt'] })
export class OfficialPagePost {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => OfficialPage, { ref: true, deleteRule: 'cascade' })
  page!: Ref<OfficialPage>;

  /** The post's id on the platform (or `announcement:<id>` for an announcement not yet given one). */
  @Property({ type: 'text' })
  postId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  publishedAt!: Date;

  @Property({ type: 'text', nullable: true })
  title?: string | null;

  /** The announcement (core/announcements) published as this post, if any. */
  @Property({ type: 'uuid', nullable: true })
  announcementId?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
