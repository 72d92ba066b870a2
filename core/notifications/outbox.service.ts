import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { pgQuery } from '../db/pg-query.js';
import { DeliveryChannel } from './notification-enums.js';
import type { RenderedMessage } from './templates.js';

/** Residents' channels by kind of contact, as NOTIFY_CHANNELS turns them on. */
export function residentChannels(app: Pick<CoreServices, 'config'>): { kind: 'email' | 'phone'; channel: DeliveryChannel }[] {
  const on = new Set(app.config.notifyChannels);
  const pairs: { kind: 'email' | 'phone'; channel: DeliveryChannel }[] = [];
  if (on.has('email')) pairs.push({ kind: 'email', channel: DeliveryChannel.EMAIL });
  if (on.has('sms')) pairs.push({ kind: 'phone', channel: DeliveryChannel.SMS });
  if (on.has('dry-run')) pairs.push({ kind: 'email', channel: DeliveryChannel.DRY_RUN }, { kind: 'phone', channel: DeliveryChannel.DRY_RUN });
  return pairs;
}

/** The message of (source, sourceId), written once: a second call (another process, a retry) gets the same id. */
export async function saveMessage(em: EntityManager, source: string, sourceId: string, message: RenderedMessage, now: Date): Promise<string> {
  const [row] = await pgQuery<{ id: string }>(
    em,
    `with ins as (
       insert into notification_message (id, source, source_id, subject, body, short_text, created_at)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
       on conflict (source, source_id) do nothing returning id)
     select id from ins union all select id from notification_message where source = $1 and source_id = $2 limit 1`,
    [source, sourceId, message.subject, message.body, message.shortText, now],
    { prepared: true },
  );
  return row!.id;
}

/**
 * Queues a message to the authors of the appeals a SQL condition selects
 * (over `appeal as a`, its parameters numbered from $1): those who agreed to
 * notices and gave a contact, each contact once, none who opted out, one row
 * per channel that NOTIFY_CHANNELS turns on for the kind of contact. One
 * statement, however many recipients: an announcement to 50,000 residents is
 * queued in about a second. Returns the rows queued now (a second call queues
 * nothing: the outbox is unique per message, channel and recipient).
 */
export async function queueToAuthors(
  app: CoreServices,
  em: EntityManager,
  messageId: string,
  where: { sql: string; values: unknown[] },
  now: Date,
): Promise<number> {
  const pairs = residentChannels(app);
  if (!pairs.length) return 0;
  const n = where.values.length;
  const [message, kinds, channels, at] = [n + 1, n + 2, n + 3, n + 4].map((i) => `$${i}`);
  const [row] = await pgQuery<{ queued: number }>(
    em,
    `with contacts as (
       select distinct on (contact_key) contact_key, recipient, kind from (
         select 'email:' || a.author_email_key as contact_key, a.author_email as recipient, 'email' as kind
           from appeal a where a.author_notify_consent and a.author_email_key is not null and (${where.sql})
         union all
         select 'phone:' || a.author_phone_key, a.author_phone, 'phone'
           from appeal a where a.author_notify_consent and a.author_phone_key is not null and (${where.sql})
       ) r order by contact_key
     ),
     ins as (
       insert into notification_outbox (message_id, channel, recipient, recipient_key, status, attempts, possible_repeats, next_attempt_at, created_at)
       select ${message}::uuid, p.channel::delivery_channel, c.recipient, c.contact_key, 'QUEUED', 0, 0, ${at}::timestamptz, ${at}::timestamptz
       from contacts c join unnest(${kinds}::text[], ${channels}::text[]) as p(kind, channel) on p.kind = c.kind
       where not exists (select 1 from notification_contact k where k.contact_key = c.contact_key and k.opted_out_at is not null)
       on conflict (message_id, channel, recipient_key) do nothing
       returning 1
     )
     select count(*)::int as queued from ins`,
    [...where.values, messageId, pairs.map((p) => p.kind), pairs.map((p) => p.channel), now],
  );
  return row!.queued;
}

/** Queues a message to listed recipients (contact keys given), opted-out contacts left out. */
export async function queueToRecipients(
  em: EntityManager,
  messageId: string,
  recipients: readonly { channel: DeliveryChannel; recipient: string; key: string }[],
  now: Date,
): Promise<number> {
  if (!recipients.length) return 0;
  const [row] = await pgQuery<{ queued: number }>(
    em,
    `with ins as (
       insert into notification_outbox (message_id, channel, recipient, recipient_key, status, attempts, possible_repeats, next_attempt_at, created_at)
       select $1, r.channel::delivery_channel, r.recipient, r.key, 'QUEUED', 0, 0, $5, $5
       from unnest($2::text[], $3::text[], $4::text[]) as r(channel, recipient, key)
       where not exists (select 1 from notification_contact n where n.contact_key = r.key and n.opted_out_at is not null)
       on conflict (message_id, channel, recipient_key) do nothing
       returning 1)
     select count(*)::int as queued from ins`,
    [messageId, recipients.map((r) => r.channel), recipients.map((r) => r.recipient), recipients.map((r) => r.key), now],
    { prepared: true },
  );
  return row!.queued;
}

/** Cancels what is still queued of a source's message (an announcement withdrawn): those rows become FAILED with the reason. */
export async function cancelQueued(em: EntityManager, source: string, sourceId: string, reason: string): Promise<number> {
  const rows = await pgQuery(
    em,
    `update notification_outbox o set status = 'FAILED', last_error = $3
     from notification_message m where m.id = o.message_id and m.source = $1 and m.source_id = $2 and o.status = 'QUEUED'
     returning o.id`,
    [source, sourceId, reason.slice(0, 1000)],
  );
  return rows.length;
}
