import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { pgQuery } from '../db/pg-query.js';
import { DeliveryChannel } from './notification-enums.js';
import { optOutToken, optOutUrl, tokenHash } from './opt-out-token.js';
import { OPT_OUT_PLACEHOLDER } from './templates.js';
import { DeliveryError, transportFor, type Outgoing } from './transports.js';
import { derivePurposeKey } from '../auth/purpose-keys.js';
import { Lane } from './lane.js';
import { sentRecorder } from './sent-recorder.js';
import { MESSAGE_TOKEN_PLACEHOLDER, messageToken, messageTokenKey } from './message-token.js';

/** A claimed outbox row with its message. */
export interface ClaimedRow {
  id: string;
  message_id: string;
  channel: DeliveryChannel;
  recipient: string;
  recipient_key: string;
  attempts: number;
}

export interface DrainOptions {
  /** Stop after this many rows (a run of the job takes what is due, up to this). */
  limit?: number;
  /**
   * Called once the transport accepted a row's message and before it is
   * recorded as sent: a test throws here to stand for a process that died
   * at that very moment.
   */
  onAccepted?: (row: ClaimedRow) => void | Promise<void>;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  /** Rows found SENDING past their lease (their process died): queued again, each counted as a possible repeat. */
  recovered: number;
}

const CLAIM_SQL = `with due as (
  select id from notification_outbox
  where status = 'QUEUED' and next_attempt_at <= $1
  order by next_attempt_at, id
  limit $2
  for update skip locked
)
update notification_outbox o set status = 'SENDING', attempts = o.attempts + 1, claimed_at = $1
from due where o.id = due.id
returning o.id::text as id, o.message_id, o.channel, o.recipient, o.recipient_key, o.attempts`;

const RETRY_SQL = `update notification_outbox set status = $2::delivery_status, next_attempt_at = $3, last_error = $4 where id = $1 and status = 'SENDING'`;
// A row SENDING past its lease: its process died between claiming and recording. The transport may
// have accepted the message (then it goes out twice): counted in possible_repeats, never lost.
const RECOVER_SQL = `with stale as (
  select id from notification_outbox where status = 'SENDING' and claimed_at < $1 for update skip locked
)
update notification_outbox o set status = 'QUEUED', next_attempt_at = $2, possible_repeats = o.possible_repeats + 1,
  last_error = 'прервано: процесс остановился во время отправки'
from stale where o.id = stale.id returning o.id`;
const CONTACTS_SQL = `insert into notification_contact (contact_key, token_hash)
select * from unnest($1::text[], $2::text[]) on conflict (contact_key) do nothing`;

const MAX_BACKOFF_SECONDS = 6 * 3600;
/** Record-only channels (ПОС, official pages, the dry run) and unconfigured ones: rows handled at once per channel. */
const RECORD_CONCURRENCY = 16;

export const linkBase = (app: CoreServices) => app.config.NOTIFY_LINK_BASE ?? `http://localhost:${app.config.PORT}`;

type MessageText = { subject: string; body: string; short_text: string; source: string; source_id: string };

/** How many of a channel's rows a drain keeps in flight: its transport's concurrency (e-mail: 2 per SMTP connection; SMS: NOTIFY_WEBHOOK_CONCURRENCY). */
function laneLimit(app: CoreServices, channel: DeliveryChannel): number {
  try {
    const transport = transportFor(app, channel);
    return transport.recordOnly ? RECORD_CONCURRENCY : transport.concurrency;
  } catch {
    return RECORD_CONCURRENCY; // not configured: each row fails through deliver()
  }
}

/**
 * Delivers what is due in the outbox, once per row even with several
 * processes draining at once: rows are claimed a batch at a time
 * (NOTIFY_BATCH_SIZE) with `for update skip locked` and marked SENDING with
 * their attempt number in that statement (committed before anything is
 * sent); each is recorded SENT right after its transport accepted it (by group commit, sent-recorder.ts). Each
 * channel keeps at most its transport's concurrency in flight (a Lane): two
 * messages per pooled SMTP connection, NOTIFY_WEBHOOK_CONCURRENCY webhook
 * requests. The next batch is claimed once every row of the last one is
 * under way, so memory holds one batch and the lanes' rows in flight,
 * however long the outbox. A failure is retried with exponential backoff
 * (NOTIFY_RETRY_BASE_SECONDS × 2^(attempt−1)) up to NOTIFY_MAX_ATTEMPTS, a
 * permanent one (a refused address) fails at once. A crash between
 * acceptance and the record leaves the row SENDING: after
 * NOTIFY_LEASE_SECONDS it is sent again and counted in possible_repeats.
 */
export async function drainOutbox(app: CoreServices, options: DrainOptions = {}): Promise<DrainResult> {
  const em = app.orm.em.fork() as EntityManager;
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, recovered: 0 };
  const startNow = app.clock.now();
  const recovered = await pgQuery(em, RECOVER_SQL, [new Date(startNow.getTime() - app.config.NOTIFY_LEASE_SECONDS * 1000), startNow], { prepared: true });
  result.recovered = recovered.length;
  // Opt-out links are keyed by a purpose key of their own (core/auth/purpose-keys.ts), not by the sign-in secret.
  const secret = derivePurposeKey(app.config.rootSecret, 'opt-out-link').export().toString('base64url');
  const lanes = new Map<DeliveryChannel, Lane>();
  const inFlight = new Set<Promise<void>>();
  const sent = sentRecorder(em, (count) => (result.sent += count));
  const tokenKey = messageTokenKey(app);
  let stopped: { error: unknown } | null = null;
  const limit = options.limit ?? Infinity;
  let taken = 0;

  const deliver = async (row: ClaimedRow, message: Outgoing) => {
    try {
      const transport = transportFor(app, row.channel);
      if (!transport.recordOnly) await transport.send(message);
    } catch (error) {
      await recordFailure(app, em, row, error, result);
      return;
    }
    // A throw here stands for the process dying: nothing more is taken or recorded; what is in flight stays SENDING.
    await options.onAccepted?.(row);
    await sent.record(row.id, app.clock.now());
  };

  while (taken < limit && !stopped) {
    const rows = await pgQuery<ClaimedRow>(em, CLAIM_SQL, [app.clock.now(), Math.min(app.config.NOTIFY_BATCH_SIZE, limit - taken)], { prepared: true });
    if (!rows.length) break;
    taken += rows.length;
    const messages = await messagesOf(em, rows);
    const contacts = [...new Set(rows.map((r) => r.recipient_key).filter((key) => key.startsWith('email:') || key.startsWith('phone:')))];
    if (contacts.length) await pgQuery(em, CONTACTS_SQL, [contacts, contacts.map((key) => tokenHash(optOutToken(secret, key)))], { prepared: true });
    const byChannel = new Map<DeliveryChannel, ClaimedRow[]>();
    for (const row of rows) byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
    // Each channel starts its rows as its lane frees a slot; one slow channel does not hold the others.
    await Promise.all(
      [...byChannel].map(async ([channel, list]) => {
        let lane = lanes.get(channel);
        if (!lane) lanes.set(channel, (lane = new Lane(laneLimit(app, channel))));
        for (const row of list) {
          await lane.acquire();
          if (stopped) {
            lane.release();
            return;
          }
          const sending: Promise<void> = deliver(row, outgoing(app, secret, tokenKey, row, messages.get(row.message_id)!))
            .catch((error) => void (stopped ??= { error }))
            .finally(() => {
              lane.release();
              inFlight.delete(sending);
            });
          inFlight.add(sending);
        }
      }),
    );
  }
  await Promise.all([...inFlight]);
  if (stopped) throw (stopped as { error: unknown }).error;
  return result;
}

/** The texts of a batch's messages (read once per batch: memory holds no more than the batch needs). */
async function messagesOf(em: EntityManager, rows: readonly ClaimedRow[]): Promise<Map<string, MessageText>> {
  const ids = [...new Set(rows.map((r) => r.message_id))];
  const found = await pgQuery<MessageText & { id: string }>(
    em,
    'select id, subject, body, short_text, source, source_id from notification_message where id = any($1::uuid[])',
    [ids],
    {
      prepared: true,
    },
  );
  return new Map(found.map((m) => [m.id, m]));
}

function outgoing(app: CoreServices, secret: string, tokenKey: Buffer, row: ClaimedRow, message: MessageText): Outgoing {
  const link = optOutUrl(linkBase(app), secret, row.recipient_key);
  // A message with a link of its own (a survey invitation): its token, derived here, never stored (message-token.ts).
  const own = message.body.includes(MESSAGE_TOKEN_PLACEHOLDER) || message.short_text.includes(MESSAGE_TOKEN_PLACEHOLDER);
  const fill = (text: string) =>
    (own ? text.replaceAll(MESSAGE_TOKEN_PLACEHOLDER, messageToken(tokenKey, message.source, message.source_id)) : text).replaceAll(OPT_OUT_PLACEHOLDER, link);
  return {
    id: row.id,
    recipient: row.recipient,
    subject: message.subject,
    body: fill(message.body),
    shortText: fill(message.short_text),
    optOutUrl: link,
  };
}

async function recordFailure(app: CoreServices, em: EntityManager, row: ClaimedRow, error: unknown, result: DrainResult): Promise<void> {
  const permanent = error instanceof DeliveryError && error.permanent;
  const giveUp = permanent || row.attempts >= app.config.NOTIFY_MAX_ATTEMPTS;
  const delay = Math.min(app.config.NOTIFY_RETRY_BASE_SECONDS * 2 ** (row.attempts - 1), MAX_BACKOFF_SECONDS);
  const now = app.clock.now();
  const message = error instanceof Error ? error.message : String(error);
  await pgQuery(em, RETRY_SQL, [row.id, giveUp ? 'FAILED' : 'QUEUED', new Date(now.getTime() + delay * 1000), message.slice(0, 1000)], { prepared: true });
  if (giveUp) result.failed++;
  else result.retried++;
  if (giveUp) app.logger.warn({ outboxId: row.id, channel: row.channel, attempts: row.attempts, err: message }, 'notification: delivery failed');
}
