import type { EntityManager } from '@mikro-orm/postgresql';
import { timeOrderedId } from '../db/time-ordered-id.js';
import type { Clock } from '../clock/clock.js';
import type { Logger } from '../logging/logger.js';
import type { ReadRouting } from '../db/read-routing.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppealEvent } from '../entities/appeal-event.entity.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { Sector } from '../entities/sector.entity.js';
import type { AppealStatus } from '../entities/enums.js';
import type { CommittedAppealEvent, EventBus } from './event-bus.js';
import type { AppealEventTypeName } from '../entities/appeal-event-type.js';
import { insertInto, query, sql } from '../db/sql.js';

export interface EventRecord {
  appeal: Appeal;
  type: AppealEventTypeName;
  fromStatus?: AppealStatus | null;
  toStatus?: AppealStatus | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  /** A message to the author queued with the entry, by the intake writers only (see EntryNotice). */
  notice?: EntryNotice;
}

/**
 * A message to an appeal's author queued with its audit entry in the
 * registration's own statement (core/notifications/entry-notice-sql.ts): an
 * outbox row committed with the appeal, so no crash can lose it and no
 * listener has to look for it. `{{appealNumber}}` in the texts becomes the
 * number the statement gives the appeal.
 */
export interface EntryNotice {
  subject: string;
  body: string;
  shortText: string;
  recipients: { channel: string; recipient: string; key: string }[];
}

/** What a bulk entry needs of its appeal: the id and the keys subscribers filter on. */
export interface AppealKeys {
  id: string;
  sectorId: string | null;
  organizationId: string | null;
  municipalityId: string | null;
}

export interface BulkEventRecord extends Omit<EventRecord, 'appeal'> {
  appeal: AppealKeys;
}

/** Who acted: a user, or a named non-user actor (a channel, the deadline watcher). */
export type Actor = { user: AuthUser } | { label: string };

export interface AppealTransaction {
  em: EntityManager;
  /** Appends an audit-trail entry; it is published only if the transaction commits. */
  record(entry: EventRecord): AppealEvent;
  /**
   * Appends many entries with multi-row inserts, for bulk intake (thousands
   * of appeals): the same audit trail, hooks and publishing as `record`,
   * without an entity per entry.
   */
  recordMany(entries: readonly BulkEventRecord[]): Promise<void>;
  /** The rows of `appeal_event` for entries by this transaction's actor at `at`, for a writer that inserts them itself. */
  eventRows(entries: readonly BulkEventRecord[], at: Date): EventRow[];
  /**
   * Entries a writer has inserted itself (rows from `eventRows`, in this
   * transaction): they get the same hooks and publishing as `recordMany`'s.
   */
  recorded(entries: readonly BulkEventRecord[], rows: readonly EventRow[]): void;
}

/** A row of `appeal_event` as written. */
export interface EventRow {
  id: string;
  appeal_id: string;
  type: string;
  at: Date;
  actor_user_id: string | null;
  actor_label: string | null;
  from_status: AppealStatus | null;
  to_status: AppealStatus | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  /** Not a column: read by the intake writers' statement (entry-notice-sql.ts). */
  notice?: EntryNotice;
}

/** The `appeal_event` rows of entries by `actor` at `at`. */
export function auditRows(actor: Actor, entries: readonly BulkEventRecord[], at: Date): EventRow[] {
  const userId = 'user' in actor ? actor.user.id : null;
  const label = 'label' in actor ? actor.label : null;
  return entries.map((entry) => ({
    id: timeOrderedId(),
    appeal_id: entry.appeal.id,
    type: entry.type,
    at,
    actor_user_id: userId,
    actor_label: label,
    from_status: entry.fromStatus ?? null,
    to_status: entry.toStatus ?? null,
    reason: entry.reason ?? null,
    data: entry.data ?? null,
    ...(entry.notice ? { notice: entry.notice } : {}),
  }));
}

const BULK_ROWS_PER_STATEMENT = 1000;

/** A plugin as an appeal transaction sees it: its code and its hooks (core/plugin-api's SectorPlugin has this shape). */
export interface AppealHookOwner {
  readonly code: string;
  readonly hooks?: {
    beforeCommit?(event: CommittedAppealEvent, em: EntityManager): Promise<void> | void;
    afterCommit?(event: CommittedAppealEvent): Promise<void> | void;
  };
}

/** What publishing committed appeal events uses of the app's services. */
export interface PublishServices {
  events: EventBus;
  logger: Logger;
  /** The enabled plugins, whose hooks run before and after commit. */
  plugins: readonly AppealHookOwner[];
}

/** What an appeal transaction uses of the app's services. */
export interface AppealTransactionServices extends PublishServices {
  clock: Clock;
  /** Where the writer's next reads go (core/db/read-routing.ts). */
  reads?: ReadRouting;
}

/**
 * Runs a change to appeals in one transaction. Every audit-trail entry
 * recorded inside it is written in the same transaction; the plugins'
 * blocking hooks run before commit (and may veto); events are published and
 * after-commit hooks run only once the commit succeeded.
 */
export async function runAppealTransaction<T>(
  app: AppealTransactionServices,
  em: EntityManager,
  actor: Actor,
  work: (tx: AppealTransaction) => Promise<T>,
): Promise<T> {
  const recorded: AppealEvent[] = [];
  const appeals = new Map<string, Appeal>();
  const bulk: { row: Record<string, unknown>; keys: AppealKeys }[] = [];
  let bulkPayloads: CommittedAppealEvent[] = [];
  let notified = false;
  const result = await em.transactional(async (txEm) => {
    const tx: AppealTransaction = {
      em: txEm as EntityManager,
      record(entry) {
        const event = txEm.create(AppealEvent, {
          id: timeOrderedId(),
          appeal: entry.appeal,
          type: entry.type,
          at: app.clock.now(),
          actorUser: 'user' in actor ? actor.user.id : null,
          actorLabel: 'label' in actor ? actor.label : null,
          fromStatus: entry.fromStatus ?? null,
          toStatus: entry.toStatus ?? null,
          reason: entry.reason ?? null,
          data: entry.data ?? null,
        });
        recorded.push(event);
        appeals.set(entry.appeal.id, entry.appeal);
        return event;
      },
      async recordMany(entries) {
        const rows = tx.eventRows(entries, app.clock.now());
        if (rows.some((row) => row.notice)) throw new Error('recordMany: an entry with a notice is written by the intake writers only');
        const json = rows.map((row) => ({ ...row, data: row.data ? JSON.stringify(row.data) : null }));
        for (let i = 0; i < json.length; i += BULK_ROWS_PER_STATEMENT) {
          await query(txEm as EntityManager, insertInto('appeal_event', json.slice(i, i + BULK_ROWS_PER_STATEMENT)));
        }
        tx.recorded(entries, rows);
      },
      eventRows: (entries, at) => auditRows(actor, entries, at),
      recorded(entries, rows) {
        rows.forEach((row, i) => bulk.push({ row: row as unknown as Record<string, unknown>, keys: entries[i]!.appeal }));
      },
    };
    const value = await work(tx);
    await txEm.flush();
    bulkPayloads = await toBulkPayloads(txEm as EntityManager, bulk);
    const payloads = [...(await toPayloads(txEm as EntityManager, recorded, appeals)), ...bulkPayloads];
    for (const plugin of app.plugins) {
      for (const payload of payloads) await plugin.hooks?.beforeCommit?.(payload, txEm as EntityManager);
    }
    // Bulk entries' notifications (pg bus) go out with the commit, in one statement rather than one per message after it.
    if (!recorded.length && bulkPayloads.length && app.events.notifications && app.events.publishLocal) {
      const { channel, messages } = app.events.notifications(bulkPayloads);
      await query(txEm as EntityManager, sql`select pg_notify(${channel}, m) from unnest(${messages}::text[]) as m`);
      notified = true;
    }
    return value;
  });
  // The writer's next reads go to the primary, not to a replica that may lag (read-routing.ts).
  if ('user' in actor) app.reads?.wrote(actor.user.id);
  if (recorded.length || bulk.length) await publishCommitted(app, [...(await toPayloads(em, recorded, appeals)), ...bulkPayloads], { notified });
  return result;
}

async function toBulkPayloads(em: EntityManager, bulk: { row: Record<string, unknown>; keys: AppealKeys }[]): Promise<CommittedAppealEvent[]> {
  if (!bulk.length) return [];
  const sectorIds = [...new Set(bulk.map((b) => b.keys.sectorId).filter((id): id is string => Boolean(id)))];
  const sectors = sectorIds.length ? await em.find(Sector, { id: { $in: sectorIds } }) : [];
  const codeOf = new Map(sectors.map((s) => [s.id, s.code]));
  return bulk.map(({ row, keys }) => ({
    eventId: row.id as string,
    appealId: keys.id,
    at: (row.at as Date).toISOString(),
    type: row.type as string,
    fromStatus: (row.from_status as string | null) ?? null,
    toStatus: (row.to_status as string | null) ?? null,
    sectorCode: keys.sectorId ? (codeOf.get(keys.sectorId) ?? null) : null,
    organizationId: keys.organizationId,
    municipalityId: keys.municipalityId,
  }));
}

async function toPayloads(em: EntityManager, events: AppealEvent[], appeals: Map<string, Appeal>): Promise<CommittedAppealEvent[]> {
  if (!events.length) return [];
  const sectorIds = [...new Set([...appeals.values()].map((a) => a.sector?.id).filter((id): id is string => Boolean(id)))];
  const sectors = sectorIds.length ? await em.find(Sector, { id: { $in: sectorIds } }) : [];
  const codeOf = new Map(sectors.map((s) => [s.id, s.code]));
  return events.map((event) => {
    const appeal = appeals.get(event.appeal.id)!;
    return {
      eventId: event.id,
      appealId: appeal.id,
      at: event.at.toISOString(),
      type: event.type,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      sectorCode: appeal.sector ? (codeOf.get(appeal.sector.id) ?? null) : null,
      organizationId: appeal.organization?.id ?? null,
      municipalityId: appeal.municipality?.id ?? null,
      status: appeal.status,
    };
  });
}

/**
 * After commit: to the bus (subscriptions) and to the plugins' after-commit
 * hooks. Failures never undo the change. `notified`: the writer's statement
 * sent the bus's notifications itself (EventBus.notifications), so only this
 * process's subscribers are left.
 */
export async function publishCommitted(app: PublishServices, payloads: CommittedAppealEvent[], options: { notified?: boolean } = {}): Promise<void> {
  try {
    if (options.notified && app.events.publishLocal) await app.events.publishLocal(payloads);
    else await app.events.publish(payloads);
  } catch (error) {
    app.logger.error({ err: error }, 'publishing committed appeal events failed');
  }
  for (const plugin of app.plugins) {
    for (const payload of payloads) {
      try {
        await plugin.hooks?.afterCommit?.(payload);
      } catch (error) {
        app.logger.error({ err: error, plugin: plugin.code }, 'after-commit hook failed');
      }
    }
  }
}
