import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Channel } from '../../entities/enums.js';
import type { AdapterContext, ChannelAdapter, MapResult } from './channel-adapter.js';
import type { IntakeInput } from '../../lifecycle/intake.js';
import { SocialItemKind, SocialPlatform } from '../../entities/channel-enums.js';
import { parseJsonLines, zodFieldErrors } from './adapter-helpers.js';
import { normalizeHandle, normalizeUrl, parsePlatform } from './social-url.js';
import { linkPageComment } from '../../official-pages/official-page-comments.service.js';

/** Messengers are their own channel; the rest are social networks. Both are worked as incidents (DOMAIN.md). */
const MESSENGERS = new Set([SocialPlatform.TELEGRAM, SocialPlatform.MAX, SocialPlatform.WHATSAPP, SocialPlatform.VIBER]);

const isoWithOffset = z.iso.datetime({ offset: true, error: 'Ожидается дата и время ISO 8601 с часовым поясом' });

/** One line of a monitoring export: a post or a comment found in a social network or messenger. */
export const socialRecordSchema = z.object({
  platform: z.string({ error: 'Нужна площадка (platform): vk, ok, telegram, max, dzen, ...' }).transform((value, ctx) => {
    const platform = parsePlatform(value);
    if (!platform) ctx.addIssue({ code: 'custom', message: `Неизвестная площадка «${value}»` });
    return platform ?? SocialPlatform.VK;
  }),
  kind: z.enum(['post', 'comment'], { error: 'kind: post или comment' }).default('post'),
  /** The item's id on the platform (`-12345_678` for a VK post). */
  id: z
    .union([z.string().trim().min(1).max(150, { error: 'id: не длиннее 150 символов' }), z.number()])
    .transform(String)
    .nullish(),
  url: z.string({ error: 'Нужен адрес публикации (url)' }).transform((value, ctx) => {
    const url = normalizeUrl(value);
    if (!url) ctx.addIssue({ code: 'custom', message: 'Адрес публикации должен быть ссылкой http(s)' });
    return url ?? '';
  }),
  /** For a comment: the post it was left under. */
  postUrl: z.string().nullish(),
  authorHandle: z.string().trim().min(1).nullish(),
  authorName: z.string().trim().min(1).nullish(),
  text: z.string({ error: 'Нужен текст (text)' }).trim().min(1, { error: 'Текст пуст' }).max(20_000),
  publishedAt: isoWithOffset,
  /** When monitoring found it: the incident's clock starts here (the time of publication when absent). */
  detectedAt: isoWithOffset.nullish(),
  reach: z.number({ error: 'Охват (reach) должен быть числом' }).int().nonnegative().nullish(),
  /** The page it was found on or addressed to (an official page of a body, when it is one). */
  pageUrl: z.string().nullish(),
  pageHandle: z.string().trim().min(1).nullish(),
  address: z.string().trim().min(1).nullish(),
});

export type SocialRecord = z.output<typeof socialRecordSchema>;

/** What the social adapter tracks of an item, recomputed from the raw record. */
export interface SocialFacts {
  platform: SocialPlatform;
  kind: SocialItemKind;
  itemKey: string;
  url: string;
  authorHandle: string | null;
  publishedAt: Date;
  reach: number | null;
  pageUrl: string | null;
  pageHandle: string | null;
}

/**
 * `<platform>:<id>`, or `<platform>:url:<address>` with no id; an address too
 * long for an external id (200 characters) is replaced by its SHA-256.
 */
export function itemKeyOf(platform: SocialPlatform, id: string | null | undefined, url: string): string {
  const prefix = platform.toLowerCase();
  if (id) return `${prefix}:${id}`;
  const key = `${prefix}:url:${url}`;
  return key.length <= 200 ? key : `${prefix}:url-sha256:${createHash('sha256').update(url).digest('hex')}`;
}

export function socialFacts(record: SocialRecord): SocialFacts {
  return {
    platform: record.platform,
    kind: record.kind === 'comment' ? SocialItemKind.COMMENT : SocialItemKind.POST,
    itemKey: itemKeyOf(record.platform, record.id, record.url),
    url: record.url,
    authorHandle: record.authorHandle ? normalizeHandle(record.authorHandle) : null,
    publishedAt: new Date(record.publishedAt),
    reach: record.reach ?? null,
    pageUrl: record.pageUrl ? normalizeUrl(record.pageUrl) : null,
    pageHandle: record.pageHandle ? normalizeHandle(record.pageHandle) : null,
  };
}

function mapSocial(raw: Record<string, unknown>, ctx: AdapterContext): MapResult {
  const parsed = socialRecordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const record = parsed.data;
  const facts = socialFacts(record);
  if (facts.publishedAt.getTime() > ctx.now.getTime() + 10 * 60_000) {
    return { ok: false, errors: [{ field: 'publishedAt', message: 'Дата публикации в будущем' }] };
  }
  const receivedAt = record.detectedAt ? new Date(record.detectedAt) : facts.publishedAt;
  return {
    ok: true,
    input: {
      channel: MESSENGERS.has(record.platform) ? Channel.MESSENGER : Channel.SOCIAL_MEDIA,
      externalId: facts.itemKey,
      text: record.text,
      receivedAt,
      // The author of a public post is known by a handle only; it stays in the raw record and social_item.
      author: record.authorName ? { name: record.authorName } : null,
      address: record.address ?? null,
      location: null,
      municipalityCode: record.address ? ctx.municipalityCode(record.address) : ctx.municipalityCode(record.text),
      sector: null,
      category: null,
      fz59: false,
      sourceStatus: null,
      details: null,
      raw,
      // A comment addressed to a page gets the answer term of comments on official pages (core/official-pages).
      officialPageComment: record.kind === 'comment' && Boolean(record.pageUrl || record.pageHandle),
    },
  };
}

const factsOf = (input: IntakeInput): SocialFacts => socialFacts(socialRecordSchema.parse(input.raw));

/** An incident that already stands for this post: the same platform id, or the same address. */
async function existingIncident(input: IntakeInput, em: EntityManager): Promise<string | null> {
  const facts = factsOf(input);
  if (input.officialPageComment) {
    // The same comment taken in through recordOfficialPageComment: one appeal.
    const id = socialRecordSchema.parse(input.raw).id ?? facts.itemKey;
    const [comment] = await em.getConnection().execute<{ appeal_id: string }[]>(
      `select c.appeal_id from official_page_comment c join official_page p on p.id = c.page_id
        where c.comment_id = ? and p.platform = ?::social_platform and (p.url = ? or p.handle = ?) limit 1`,
      [id, facts.platform, facts.pageUrl, facts.pageHandle],
    );
    if (comment) return comment.appeal_id;
  }
  const [row] = await em
    .getConnection()
    .execute<{ appeal_id: string }[]>('select appeal_id from social_item where item_key = ? or url = ? order by first_seen_at limit 1', [
      facts.itemKey,
      facts.url,
    ]);
  return row?.appeal_id ?? null;
}

/**
 * Keeps the item and links it to the official page it was found on: the
 * page named in the record (address or handle), or the page whose address
 * the item's address lies under (a comment in a body's Telegram channel).
 */
async function keepItem(input: IntakeInput, appealId: string, merged: boolean, em: EntityManager, now: Date): Promise<void> {
  const f = factsOf(input);
  const connection = em.getConnection();
  const [page] = await connection.execute<{ id: string }[]>(
    `select id from official_page
      where platform = ?::social_platform and (url = ? or handle = ? or ? like replace(replace(url, '%', '\\%'), '_', '\\_') || '/%')
      order by (url = ?) desc, (handle = ?) desc limit 1`,
    [f.platform, f.pageUrl, f.pageHandle, f.url, f.pageUrl, f.pageHandle],
  );
  await connection.execute(
    `insert into social_item (id, platform, kind, item_key, url, author_handle, published_at, reach, official_page_id, appeal_id, times_seen, first_seen_at, last_seen_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict do nothing`,
    [f.platform, f.kind, f.itemKey, merged ? null : f.url, f.authorHandle, f.publishedAt, f.reach, page?.id ?? null, appealId, merged ? 0 : 1, now, now],
  );
  if (merged) {
    // The duplicate is counted on the incident's first item, and the larger reach kept.
    await connection.execute(
      `update social_item set times_seen = times_seen + 1, last_seen_at = ?, reach = greatest(reach, ?),
              official_page_id = coalesce(official_page_id, ?)
        where appeal_id = ? and times_seen > 0`,
      [now, f.reach, page?.id ?? null, appealId],
    );
  }
  if (page && f.kind === SocialItemKind.COMMENT) {
    // A resident's comment on a registered official page: counted in the page's comments and metrics.
    await linkPageComment(em, {
      pageId: page.id,
      commentId: socialRecordSchema.parse(input.raw).id ?? f.itemKey,
      postId: null,
      authorHandle: f.authorHandle,
      postedAt: f.publishedAt,
      appealId,
      now,
    });
  }
}

export const socialAdapter: ChannelAdapter<Record<string, unknown>, Record<string, never>> = {
  code: 'social',
  channel: Channel.SOCIAL_MEDIA,
  channels: [Channel.SOCIAL_MEDIA, Channel.MESSENGER],
  title: 'Социальные сети и мессенджеры: инциденты мониторинга (JSON Lines)',
  parse: (input) => parseJsonLines(input),
  externalIdOf: (record) => {
    const platform = typeof record.platform === 'string' ? parsePlatform(record.platform) : null;
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
    const url = typeof record.url === 'string' ? normalizeUrl(record.url) : null;
    if (!platform || (!id && !url) || id.length > 150) return null;
    return itemKeyOf(platform, id, url ?? '');
  },
  map: (record, ctx) => mapSocial(record, ctx),
  mapStatusOut: (status) => status,
  hooks: { existingAppeal: existingIncident, afterAccept: keepItem },
};
