import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import { badInput } from '../errors/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PagePostInput {
  pageId: string;
  postId: string;
  publishedAt: Date;
  title?: string | null;
  /** Set by the announcements feature when it publishes an announcement to the page. */
  announcementId?: string | null;
}

/**
 * Records a post of the body on its official page, once per (page, post id):
 * the page's own activity for its metrics and for the silent pages list.
 *
 * Hook for announcements (core/announcements, built on another branch): when
 * an announcement is published to a body's page, call
 *   recordPagePost(em, now, { pageId, postId: `announcement:${id}`, publishedAt, title, announcementId: id })
 * so that it counts among the page's posts.
 */
export async function recordPagePost(em: EntityManager, now: Date, input: PagePostInput) {
  const postId = input.postId?.trim() ?? '';
  if (!postId || postId.length > 150 || postId.includes('\u0000')) throw badInput('input.postId', 'Идентификатор публикации: от 1 до 150 символов');
  const title = input.title?.trim() || null;
  if (title && (title.length > 500 || title.includes('\u0000'))) throw badInput('input.title', 'Заголовок: не длиннее 500 символов');
  if (!(input.publishedAt instanceof Date) || Number.isNaN(input.publishedAt.getTime())) throw badInput('input.publishedAt', 'Некорректная дата');
  if (input.publishedAt.getTime() > now.getTime() + 60_000) throw badInput('input.publishedAt', 'Дата публикации в будущем');
  if (!UUID.test(input.pageId)) throw badInput('input.pageId', 'Нет такой официальной страницы');
  const [page] = await pgQuery<{ id: string }>(em, 'select id from official_page where id = $1', [input.pageId], { prepared: true });
  if (!page) throw badInput('input.pageId', 'Нет такой официальной страницы');
  const [inserted] = await pgQuery<{ id: string }>(
    em,
    `insert into official_page_post (id, page_id, post_id, published_at, title, announcement_id, created_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6) on conflict (page_id, post_id) do nothing returning id`,
    [page.id, postId, input.publishedAt, title, input.announcementId ?? null, now],
    { prepared: true },
  );
  const [row] = inserted
    ? [{ id: inserted.id, published_at: input.publishedAt }]
    : await pgQuery<{ id: string; published_at: Date | string }>(
        em,
        'select id, published_at from official_page_post where page_id = $1 and post_id = $2',
        [page.id, postId],
        { prepared: true },
      );
  return { id: row!.id, pageId: page.id, postId, publishedAt: new Date(row!.published_at), created: Boolean(inserted) };
}
