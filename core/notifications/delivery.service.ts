import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import { pgQuery } from '../db/pg-query.js';
import { DeliveryChannel } from './notification-enums.js';
import { optOutToken, optOutUrl, tokenHash } from './opt-out-token.js';
import { OPT_OUT_PLACEHOLDER } from './templates.js';
import { DeliveryError, transportFor, type Outgoing, type Transport } from './transports.js';
import { derivePurposeKey } from '../auth/purpose-keys.js';

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

// Accepted rows are recorded in batches: one statement per SENT_FLUSH_ROWS rows (or SENT_FLUSH_MS), each row with its own time.
const SENT_SQL = `update notification_outbox o set status = 'SENT', sent_at = s.at, last_error = null
from unnest($1::bigint[], $2::timestamptz[]) as s(id, at) where o.id = s.id and o.status = 'SENDING' returning 1`;
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
const SENT_FLUSH_ROWS = 100;
const SENT_FLUSH_MS = 200;

export const linkBase = (app: AppServices) => app.config.NOTIFY_LINK_BASE ?? `http://localhost:${app.config.PORT}`;

type MessageText = { subject: string; body: string; short_text: string };

/**
 * Delivers what is due in the outbox, once per row even with several
 * processes draining at once: rows are claimed a batch at a time
 * (NOTIFY_BATCH_SIZE) with `for update skip locked` and marked SENDING with
 * their attempt number in that one statement (committed before anything is
 * sent). Each channel sends with its transport's concurrency (e-mail: two per
 * pooled SMTP connection; record-only channels need no call), the next batch
 * is claimed while the last one is still being sent, and accepted rows are
 * recorded SENT in batches (every 100 rows or 200 ms). A failure is retried
 * with exponential backoff (NOTIFY_RETRY_BASE_SECONDS × 2^(attempt−1)) up to
 * NOTIFY_MAX_ATTEMPTS, a permanent one (a refused address) fails at once. A
 * crash between acceptance and the record leaves the row SENDING: after
 * NOTIFY_LEASE_SECONDS it is sent again and counted in possible_repeats.
 */
export async function drainOutbox(app: AppServices, options: DrainOptions = {}): Promise<DrainResult> {
  const em = app.orm.em.fork() as EntityManager;
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, recovered: 0 };
  const startNow = app.clock.now();
  const recovered = await pgQuery(em, RECOVER_SQL, [new Date(startNow.getTime() - app.config.NOTIFY_LEASE_SECONDS * 1000), startNow], { prepared: true });
  result.recovered = recovered.length;
  // Opt-out links are keyed by a purpose key of their own (core/auth/purpose-keys.ts), not by the sign-in secret.
  const secret = derivePurposeKey(app.config.rootSecret, 'opt-out-link').export().toString('base64url');
  const messages = new Map<string, MessageText>();
  const limit = options.limit ?? Infinity;
  const batchSize = app.config.NOTIFY_BATCH_SIZE;
  const lanes = new Map<DeliveryChannel, { rows: ClaimedRow[]; workers: number }>();
  const running = new Set<Promise<void>>();
  let queued = 0;
  let taken = 0;
  let exhausted = false;
  let claiming: Promise<void> | null = null;
  let crashed: { error: unknown } | null = null;
  let failure: { error: unknown } | null = null;

  // Rows accepted and not yet recorded: a crash leaves them SENDING (the lease brings them back, counted).
  let accepted: { ids: string[]; at: Date[] } = { ids: [], at: [] };
  let flushTimer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (!accepted.ids.length || crashed) return;
    const batch = accepted;
    accepted = { ids: [], at: [] };
    track(pgQuery(em, SENT_SQL, [batch.ids, batch.at], { prepared: true }).then((rows) => void (result.sent += rows.length)));
  };
  const markSent = (row: ClaimedRow) => {
    accepted.ids.push(row.id);
    accepted.at.push(app.clock.now());
    if (accepted.ids.length >= SENT_FLUSH_ROWS) flush();
    else flushTimer ??= setTimeout(flush, SENT_FLUSH_MS);
  };
  const track = (work: Promise<void>) => {
    const done = work.catch((error) => void (failure ??= { error })).finally(() => running.delete(done));
    running.add(done);
  };

  const claim = async () => {
    const rows = await pgQuery<ClaimedRow>(em, CLAIM_SQL, [app.clock.now(), Math.min(batchSize, limit - taken)], { prepared: true });
    taken += rows.length;
    if (!rows.length || taken >= limit) exhausted = true;
    const missing = [...new Set(rows.map((r) => r.message_id).filter((id) => !messages.has(id)))];
    if (missing.length) {
      const found = await pgQuery<MessageText & { id: string }>(
        em,
        'select id, subject, body, short_text from notification_message where id = any($1::uuid[])',
        [missing],
        { prepared: true },
      );
      for (const m of found) messages.set(m.id, m);
    }
    const contacts = [...new Set(rows.map((r) => r.recipient_key).filter((key) => key.startsWith('email:') || key.startsWith('phone:')))];
    if (contacts.length) await pgQuery(em, CONTACTS_SQL, [contacts, contacts.map((key) => tokenHash(optOutToken(secret, key)))], { prepared: true });
    for (const row of rows) {
      let lane = lanes.get(row.channel);
      if (!lane) lanes.set(row.channel, (lane = { rows: [], workers: 0 }));
      lane.rows.push(row);
    }
    queued += rows.length;
    for (const [channel, lane] of lanes) {
      const concurrency = transportOrNull(app, channel)?.concurrency ?? 1;
      while (lane.workers < Math.min(concurrency, lane.rows.length)) {
        lane.workers++;
        track(work(channel, lane));
      }
    }
  };
  // One claim at a time, ahead of need: while fewer than a batch wait here, the next one is taken.
  const refill = () => {
    if (claiming || exhausted || crashed || failure || queued >= batchSize) return claiming;
    claiming = claim().finally(() => (claiming = null));
    track(claiming);
    return claiming;
  };

  const work = async (channel: DeliveryChannel, lane: { rows: ClaimedRow[]; workers: number }) => {
    try {
      for (;;) {
        if (crashed || failure) return;
        if (lane.rows.length < batchSize / 2) void refill();
        const row = lane.rows.shift();
        if (!row) return;
        queued--;
        await deliver(row);
      }
    } finally {
      lane.workers--;
    }
  };

  const deliver = async (row: ClaimedRow) => {
    let transport: Transport;
    try {
      transport = transportFor(app, row.channel);
      if (!transport.recordOnly) await transport.send(outgoing(app, secret, row, messages.get(row.message_id)!));
    } catch (error) {
      await recordFailure(app, em, row, error, result);
      return;
    }
    try {
      await options.onAccepted?.(row);
    } catch (error) {
      // A process dying here: nothing more is taken or recorded; what is in flight stays SENDING.
      crashed ??= { error };
      return;
    }
    markSent(row);
  };

  await refill();
  while (running.size) await Promise.all([...running]);
  flush();
  while (running.size) await Promise.all([...running]);
  const stopped = (crashed ?? failure) as { error: unknown } | null; // set by the workers
  if (stopped) throw stopped.error;
  return result;
}

function outgoing(app: AppServices, secret: string, row: ClaimedRow, message: MessageText): Outgoing {
  const link = optOutUrl(linkBase(app), secret, row.recipient_key);
  return {
    id: row.id,
    recipient: row.recipient,
    subject: message.subject,
    body: message.body.replaceAll(OPT_OUT_PLACEHOLDER, link),
    shortText: message.short_text.replaceAll(OPT_OUT_PLACEHOLDER, link),
    optOutUrl: link,
  };
}

function transportOrNull(app: AppServices, channel: DeliveryChannel): Transport | null {
  try {
    return transportFor(app, channel);
  } catch {
    return null; // not configured: each row fails through deliver()
  }
}
async function recordFailure(app: AppServices, em: EntityManager, row: ClaimedRow, error: unknown, result: DrainResult): Promise<void> {
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
