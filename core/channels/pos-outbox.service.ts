import type { EntityManager } from '@mikro-orm/postgresql';
import { AppealStatus, Channel } from '../entities/enums.js';
import { badInput } from '../errors/errors.js';
import { encodeCursor } from '../graphql/pagination.js';
import { posStatusLabel, posStatusOut } from './adapters/pos.adapter.js';
import { empty, query, sql } from '../db/sql.js';

/**
 * Events are served only once they are this old: an audit entry is stamped
 * inside its transaction and becomes visible at commit, so a poller reading
 * right up to "now" could step past an entry still being committed.
 */
export const OUTBOX_SETTLE_MS = 5_000;
export const OUTBOX_MAX_LIMIT = 1000;

export interface OutboxItem {
  cursor: string;
  eventId: string;
  /** The ПОС message id (our externalId). */
  messageId: string | null;
  appealId: string;
  number: string;
  status: AppealStatus;
  previousStatus: AppealStatus | null;
  posStatus: string;
  posStatusLabel: string;
  at: string;
  reason: string | null;
}

export interface OutboxPage {
  items: OutboxItem[];
  /** Pass as `cursor` on the next poll; the same cursor when nothing new came. */
  nextCursor: string | null;
  hasMore: boolean;
}

interface Row {
  event_id: string;
  at: Date;
  from_status: AppealStatus | null;
  to_status: AppealStatus;
  reason: string | null;
  appeal_id: string;
  external_id: string | null;
  number: string;
}

function readCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && !Number.isNaN(Date.parse(value[0]))) {
      return value as [string, string];
    }
  } catch {
    // reported below
  }
  throw badInput('cursor', 'Некорректный курсор');
}

/**
 * The status changes of ПОС messages, oldest first, for a connector to poll
 * and report back to the platform: `since` (ISO time) for the first poll,
 * then `cursor`. Read-only SQL over the audit trail.
 */
export async function readPosOutbox(
  em: EntityManager,
  args: { since?: string | null; cursor?: string | null; limit?: number | null },
  now: Date,
): Promise<OutboxPage> {
  const limit = args.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > OUTBOX_MAX_LIMIT) throw badInput('limit', `limit от 1 до ${OUTBOX_MAX_LIMIT}`);
  let from = empty;
  if (args.cursor) {
    const [at, id] = readCursor(args.cursor);
    from = sql`and (e.at, e.id) > (${at}::timestamptz, ${id}::uuid)`;
  } else if (args.since) {
    if (Number.isNaN(Date.parse(args.since))) throw badInput('since', 'since: дата и время ISO 8601');
    from = sql`and e.at > ${new Date(args.since)}`;
  }
  const rows = await query<Row>(
    em,
    sql`select e.id as event_id, e.at, e.from_status, e.to_status, e.reason, a.id as appeal_id, a.external_id, a.number
    from appeal_event e join appeal a on a.id = e.appeal_id
    where a.channel = ${Channel.POS} and e.to_status is not null and e.from_status is distinct from e.to_status
      and e.at <= ${new Date(now.getTime() - OUTBOX_SETTLE_MS)} ${from}
    order by e.at, e.id limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit).map((row) => ({
    cursor: encodeCursor([new Date(row.at).toISOString(), row.event_id]),
    eventId: row.event_id,
    messageId: row.external_id,
    appealId: row.appeal_id,
    number: row.number,
    status: row.to_status,
    previousStatus: row.from_status,
    posStatus: posStatusOut(row.to_status),
    posStatusLabel: posStatusLabel(row.to_status),
    at: new Date(row.at).toISOString(),
    reason: row.reason,
  }));
  return { items, nextCursor: items.at(-1)?.cursor ?? args.cursor ?? null, hasMore: rows.length > limit };
}
