import { createHmac } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { derivePurposeKey } from '../auth/purpose-keys.js';
import { query, sql } from '../db/sql.js';
import { MESSAGE_TOKEN_PLACEHOLDER, messageToken, messageTokenKey } from '../notifications/message-token.js';
import { residentChannels } from '../notifications/outbox.service.js';
import type { RenderedMessage } from '../notifications/templates.js';
import type { Survey } from './survey.entity.js';
import { hashToken } from './survey-links.service.js';

/** The outbox source of an invitation: one message per link, its source id the link's id. */
export const INVITATION_SOURCE = 'survey-invitation';

/** A resident's contact as the appeals keep it: `email:<key>` or `phone:<key>`, and the address to send to. */
export interface Invitee {
  key: string;
  recipient: string;
}

/**
 * The id of the link of (survey, contact): an HMAC of both under the
 * 'survey-link' purpose key, written as a UUID. The same pair always gives
 * the same id, so the link's primary key is what makes an invitation go
 * once per contact and survey, whoever queues it (the audience's sending,
 * a follow-up after a rating, two processes at once); the id reveals
 * nothing of the contact without the deployment's secret.
 */
export function invitationLinkId(key: Buffer, surveyId: string, contactKey: string): string {
  const hex = createHmac('sha256', key).update(`${surveyId}:${contactKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** When a link issued now expires: SURVEY_LINK_TTL_DAYS, never past the survey's close. */
export function linkExpiry(app: CoreServices, survey: Pick<Survey, 'closesAt'>, now: Date): Date {
  const ttl = new Date(now.getTime() + app.config.SURVEY_LINK_TTL_DAYS * 86_400_000);
  return survey.closesAt && survey.closesAt < ttl ? survey.closesAt : ttl;
}

/** The answer link a message carries, its token left for the drain to derive (message-token.ts); null without SURVEY_LINK_BASE. */
export function invitationUrl(app: CoreServices): string | null {
  const base = app.config.SURVEY_LINK_BASE;
  return base ? `${base}${base.includes('?') ? '&' : '?'}token=${MESSAGE_TOKEN_PLACEHOLDER}` : null;
}

/**
 * Queues one invitation per contact not invited to this survey before and
 * not opted out, in the caller's transaction, in three statements whatever
 * their number: the links (their id per contact and survey, their token's
 * SHA-256: the token is derived again when the message is sent and stored
 * nowhere), one message per new link, its outbox rows (one per channel that
 * NOTIFY_CHANNELS turns on for the kind of contact). Returns the contacts
 * invited now.
 */
export async function inviteContacts(
  app: CoreServices,
  em: EntityManager,
  survey: Pick<Survey, 'id' | 'closesAt'>,
  invitees: readonly Invitee[],
  message: RenderedMessage,
  now: Date,
): Promise<number> {
  const channels = residentChannels(app);
  const reachable = invitees.filter((i) => channels.some((c) => i.key.startsWith(`${c.kind}:`)));
  if (!reachable.length) return 0;
  const linkKey = derivePurposeKey(app.config.rootSecret, 'survey-link').export();
  const tokenKey = messageTokenKey(app);
  const ids = reachable.map((i) => invitationLinkId(linkKey, survey.id, i.key));
  const hashes = ids.map((id) => hashToken(messageToken(tokenKey, INVITATION_SOURCE, id)));
  const created = await query<{ id: string }>(
    em,
    sql`insert into survey_link (id, survey_id, token_hash, created_at, expires_at, for_audience)
      select l.id, ${survey.id}::uuid, l.hash, ${now}::timestamptz, ${linkExpiry(app, survey, now)}::timestamptz, true
      from unnest(${ids}::uuid[], ${hashes}::text[], ${reachable.map((i) => i.key)}::text[]) as l(id, hash, contact_key)
      where not exists (select 1 from notification_contact k where k.contact_key = l.contact_key and k.opted_out_at is not null)
      on conflict (id) do nothing
      returning id::text`,
  );
  if (!created.length) return 0;
  const fresh = new Set(created.map((r) => r.id));
  const rows = reachable.flatMap((invitee, i) =>
    fresh.has(ids[i]!)
      ? channels
          .filter((c) => invitee.key.startsWith(`${c.kind}:`))
          .map((c) => ({ link: ids[i]!, channel: c.channel, recipient: invitee.recipient, key: invitee.key }))
      : [],
  );
  await query(
    em,
    sql`with messages as (
        insert into notification_message (id, source, source_id, subject, body, short_text, created_at)
        select gen_random_uuid(), ${INVITATION_SOURCE}, l.id, ${message.subject}, ${message.body}, ${message.shortText}, ${now}::timestamptz
        from unnest(${[...fresh]}::uuid[]) as l(id)
        returning id, source_id
      )
      insert into notification_outbox (message_id, channel, recipient, recipient_key, status, attempts, possible_repeats, next_attempt_at, created_at)
      select m.id, r.channel::delivery_channel, r.recipient, r.key, 'QUEUED', 0, 0, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${rows.map((r) => r.link)}::uuid[], ${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.recipient)}::text[], ${rows.map((r) => r.key)}::text[])
        as r(link, channel, recipient, key)
      join messages m on m.source_id = r.link
      on conflict (message_id, channel, recipient_key) do nothing`,
  );
  return created.length;
}
