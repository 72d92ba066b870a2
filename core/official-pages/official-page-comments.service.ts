import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import { Appeal } from '../entities/appeal.entity.js';
import { Channel } from '../entities/enums.js';
import { pgQuery } from '../db/pg-query.js';
import { inputText } from '../errors/input-text.js';
import { badInput } from '../errors/errors.js';
import { registerAppeal } from '../lifecycle/register-appeal.service.js';

export interface PageCommentInput {
  pageId: string;
  commentId: string;
  postId?: string | null;
  authorHandle?: string | null;
  text: string;
  postedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The appeal's external id: unique per (page, comment), within the 200 characters the lifecycle allows. */
export const commentExternalId = (pageId: string, commentId: string) => `page-comment:${pageId}:${commentId}`;

/**
 * Keeps the link of a comment to its page and appeal; a second call with the
 * same (page, comment id) changes nothing. Used by the mutation and by the
 * social channel's batch intake (core/channels/adapters/social.adapter.ts).
 */
export async function linkPageComment(
  em: EntityManager,
  row: { pageId: string; commentId: string; postId: string | null; authorHandle: string | null; postedAt: Date; appealId: string; now: Date },
): Promise<void> {
  await pgQuery(
    em,
    `insert into official_page_comment (id, page_id, comment_id, post_id, author_handle, posted_at, appeal_id, created_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7) on conflict (page_id, comment_id) do nothing`,
    [row.pageId, row.commentId, row.postId, row.authorHandle, row.postedAt, row.appealId, row.now],
    { prepared: true },
  );
}

/**
 * A resident's comment on a body's official page becomes an appeal of
 * channel SOCIAL_MEDIA through the lifecycle (registerAppeal: validation,
 * structuring, the audit trail, deadlines and their alerts), addressed to
 * the body that runs the page, with the answer term of the deadline policy's
 * `officialPageComment` (default one working day). Exactly once per
 * (page, comment id): the same key returns the same appeal with created false,
 * also under concurrent calls (the lifecycle is idempotent on the external id,
 * and the link's unique key keeps one row).
 */
export async function recordPageComment(
  app: LifecycleServices,
  em: EntityManager,
  actor: Actor,
  input: PageCommentInput,
): Promise<{ appeal: Appeal; created: boolean }> {
  const commentId = inputText(input.commentId, 'input.commentId', 150, true);
  const postId = inputText(input.postId, 'input.postId', 150, false);
  const authorHandle = inputText(input.authorHandle, 'input.authorHandle', 200, false);
  const text = inputText(input.text, 'input.text', 20_000, true);
  const now = app.clock.now();
  if (!(input.postedAt instanceof Date) || Number.isNaN(input.postedAt.getTime())) throw badInput('input.postedAt', 'Некорректная дата');
  if (input.postedAt.getTime() > now.getTime() + 60_000) throw badInput('input.postedAt', 'Дата комментария в будущем');
  if (!UUID.test(input.pageId)) throw badInput('input.pageId', 'Нет такой официальной страницы');
  const [page] = await pgQuery<{ id: string; organization_id: string; platform: string; municipality_id: string | null }>(
    em,
    `select p.id, p.organization_id, p.platform, o.municipality_id from official_page p join organization o on o.id = p.organization_id where p.id = $1`,
    [input.pageId],
    { prepared: true },
  );
  if (!page) throw badInput('input.pageId', 'Нет такой официальной страницы');

  // Taken in before (through this door or the social channel's batch intake): the same appeal.
  const [known] = await pgQuery<{ appeal_id: string }>(
    em,
    'select appeal_id from official_page_comment where page_id = $1 and comment_id = $2',
    [page.id, commentId],
    { prepared: true },
  );
  if (known) {
    const appeal = await em.findOneOrFail(Appeal, { id: known.appeal_id });
    return { appeal, created: false };
  }
  const result = await registerAppeal(app, em, actor, {
    channel: Channel.SOCIAL_MEDIA,
    externalId: commentExternalId(page.id, commentId),
    text,
    receivedAt: input.postedAt,
    // The comment is addressed to the body that runs the page: it answers there.
    organizationId: page.organization_id,
    municipalityId: page.municipality_id,
    officialPageComment: true,
    raw: { officialPageId: page.id, platform: page.platform, commentId, postId, authorHandle, postedAt: input.postedAt.toISOString() },
  });
  await linkPageComment(em, { pageId: page.id, commentId, postId, authorHandle, postedAt: input.postedAt, appealId: result.appeal.id, now });
  return result;
}
