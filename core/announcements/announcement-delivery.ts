import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import { pgQuery } from '../db/pg-query.js';
import { DeliveryChannel } from '../notifications/notification-enums.js';
import { queueToAuthors, queueToRecipients, residentChannels, saveMessage } from '../notifications/outbox.service.js';
import { announcementMessage } from '../notifications/templates.js';
import type { Announcement } from './announcement.entity.js';
import { containsKey, placeStems, settlementKey } from './place-keys.js';

export const ANNOUNCEMENT_SOURCE = 'announcement';

/**
 * The appeals whose authors an announcement reaches, as SQL over `appeal as a`
 * ($1.. parameters): received within NOTIFY_AUDIENCE_DAYS, in its
 * municipalities, in its sectors or categories. Streets and settlements are
 * matched in the address and text afterwards (announcementRecipients).
 */
function audienceWhere(app: LifecycleServices, announcement: Announcement, now: Date): { sql: string; values: unknown[] } {
  const a = announcement.audience;
  const values: unknown[] = [new Date(now.getTime() - app.config.NOTIFY_AUDIENCE_DAYS * 86_400_000)];
  const parts = ['a.received_at >= $1'];
  if (a.municipalityIds.length) {
    values.push(a.municipalityIds);
    parts.push(`a.municipality_id = any($${values.length}::uuid[])`);
  }
  if (a.sectors.length || a.categories.length) {
    values.push(a.sectors, a.categories);
    parts.push(`(a.sector_id in (select id from sector where code = any($${values.length - 1}::text[]))
      or a.category_id in (select id from category where code = any($${values.length}::text[])))`);
  }
  return { sql: parts.join(' and '), values };
}

/**
 * Queues a published announcement for delivery, in the publishing
 * transaction (so it is queued if and only if it is published): one message,
 * one outbox row per resident contact and channel, plus the records for the
 * ПОС and the speaking body's official pages when those channels are on.
 */
export async function queueAnnouncement(app: LifecycleServices, em: EntityManager, announcement: Announcement, now: Date): Promise<number> {
  const [speaker] = announcement.organization
    ? await pgQuery<{ name: string }>(em, 'select name from organization where id = $1', [announcement.organization.id])
    : [];
  const messageId = await saveMessage(
    em,
    ANNOUNCEMENT_SOURCE,
    announcement.id,
    announcementMessage(
      {
        kind: announcement.kind,
        title: announcement.title,
        body: announcement.body,
        validFrom: announcement.validFrom,
        validTo: announcement.validTo ?? null,
        speaker: speaker?.name ?? null,
      },
      app.config.TIME_ZONE,
    ),
    now,
  );
  const where = audienceWhere(app, announcement, now);
  const a = announcement.audience;
  let queued = 0;
  if (!a.streetKeys.length && !a.settlements.length) {
    queued += await queueToAuthors(app, em, messageId, where, now);
  } else {
    queued += await queueToRecipients(em, messageId, await streetRecipients(app, em, announcement, where), now);
  }
  const on = new Set(app.config.notifyChannels);
  const records: { channel: DeliveryChannel; recipient: string; key: string }[] = [];
  if (on.has('pos')) records.push({ channel: DeliveryChannel.POS, recipient: 'pos', key: 'pos' });
  if (on.has('official-page') && announcement.organization) {
    const pages = await pgQuery<{ id: string; url: string }>(em, 'select id, url from official_page where organization_id = $1', [
      announcement.organization.id,
    ]);
    for (const page of pages) records.push({ channel: DeliveryChannel.OFFICIAL_PAGE, recipient: page.url, key: `page:${page.id}` });
  }
  queued += await queueToRecipients(em, messageId, records, now);
  return queued;
}

/** Authors of appeals on the announcement's streets or in its settlements (matched in address and text, as at intake). */
async function streetRecipients(app: LifecycleServices, em: EntityManager, announcement: Announcement, where: { sql: string; values: unknown[] }) {
  const rows = await pgQuery<{
    author_email: string | null;
    author_email_key: string | null;
    author_phone: string | null;
    author_phone_key: string | null;
    place: string;
  }>(
    em,
    `select a.author_email, a.author_email_key, a.author_phone, a.author_phone_key, coalesce(a.address, '') || ' ' || a.text as place
     from appeal a where a.author_notify_consent and (a.author_email_key is not null or a.author_phone_key is not null) and (${where.sql})`,
    where.values,
  );
  const keys = [...announcement.audience.streetKeys, ...announcement.audience.settlements.map(settlementKey)];
  const channels = residentChannels(app);
  const out = new Map<string, { channel: DeliveryChannel; recipient: string; key: string }>();
  for (const row of rows) {
    const stems = placeStems(row.place);
    if (!keys.some((key) => containsKey(stems, key))) continue;
    for (const { kind, channel } of channels) {
      const contact = kind === 'email' ? row.author_email_key && `email:${row.author_email_key}` : row.author_phone_key && `phone:${row.author_phone_key}`;
      const recipient = kind === 'email' ? row.author_email : row.author_phone;
      if (contact && recipient) out.set(`${channel}\u0000${contact}`, { channel, recipient, key: contact });
    }
  }
  return [...out.values()];
}
