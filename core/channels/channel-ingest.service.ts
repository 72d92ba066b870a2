import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import type { Channel } from '../entities/enums.js';
import { errorCode } from '../errors/errors.js';
import type { AdapterContext, AnyChannelAdapter, FieldError, MapResult, ParsedItem } from './adapters/channel-adapter.js';
import { ChannelRecordStatus } from '../entities/channel-enums.js';
import type { IntakeService } from '../lifecycle/intake.js';
import { keyspaceOf } from './adapter-registry.js';
import { findUnsafeText, replaceUnsafeText } from '../graphql/unsafe-text.js';
import { join, query, sql } from '../db/sql.js';

/** A record read and mapped, ready to be kept and taken in. */
export interface PreparedRecord {
  position: number | null;
  /** Unique per source record: `<keyspace>:<externalId>`, or `<keyspace>:raw:<sha256>` with no usable id. */
  key: string;
  channel: Channel;
  externalId: string | null;
  raw: unknown;
  mapped: MapResult;
}

/** CREATED: a new appeal; MERGED: linked to an appeal that stands for the same thing (a duplicate post); UNCHANGED: this record was taken in before. */
export type RecordOutcome = 'CREATED' | 'MERGED' | 'UNCHANGED' | 'REJECTED' | 'PENDING_RETRY';

export interface RecordResult {
  position: number | null;
  recordId: string;
  externalId: string | null;
  outcome: RecordOutcome;
  appealId: string | null;
  errorCode: string | null;
  errors: FieldError[];
}

interface StoredRow {
  id: string;
  record_key: string;
  status: ChannelRecordStatus;
  appeal_id: string | null;
}

const rawHash = (raw: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(raw ?? null))
    .digest('hex');

/** Reads one parsed item into a prepared record (mapping is pure: no database). */
export function prepareItem(adapter: AnyChannelAdapter, item: ParsedItem<unknown>, options: unknown, ctx: AdapterContext): PreparedRecord {
  const keyspace = keyspaceOf(adapter);
  if ('error' in item) {
    const raw = replaceUnsafeText(item.raw ?? null);
    return {
      position: item.position,
      key: `${keyspace}:raw:${rawHash(raw)}`,
      channel: adapter.channel,
      externalId: null,
      raw,
      mapped: { ok: false, errors: [item.error] },
    };
  }
  // A NUL or a lone surrogate anywhere in the record: this record is refused (and kept without them), the batch goes on.
  // The field is named as the source names it (a CSV's column header), as the adapters' own errors are.
  const sourceRaw = adapter.rawOf ? adapter.rawOf(item.record) : item.record;
  const unsafe = findUnsafeText(sourceRaw) ?? findUnsafeText(item.record);
  if (unsafe) {
    const raw = replaceUnsafeText(sourceRaw);
    const safe = replaceUnsafeText(item.record);
    const externalId = adapter.externalIdOf?.(safe, options) ?? null;
    return {
      position: item.position,
      key: externalId ? `${keyspace}:${externalId}` : `${keyspace}:raw:${rawHash(raw)}`,
      channel: adapter.channel,
      externalId,
      raw,
      mapped: { ok: false, errors: [{ field: unsafe.field || '(запись)', message: unsafe.message }] },
    };
  }
  const raw = adapter.rawOf ? adapter.rawOf(item.record) : item.record;
  const mapped = adapter.map(item.record, ctx, options);
  const externalId = mapped.ok ? mapped.input.externalId : (adapter.externalIdOf?.(item.record, options) ?? null);
  return {
    position: item.position,
    key: externalId ? `${keyspace}:${externalId}` : `${keyspace}:raw:${rawHash(raw)}`,
    channel: mapped.ok ? mapped.input.channel : adapter.channel,
    externalId,
    raw,
    mapped,
  };
}

const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN']);
const CHUNK = 500;

export interface IngestOptions {
  actor: Actor;
  submittedBy: string | null;
  jobId?: string | null;
  /** Called after each record, with its result. */
  onResult?: (result: RecordResult) => Promise<void> | void;
}

/**
 * The one path from a channel's records into the lifecycle. Records are
 * kept first (as PENDING_RETRY: a crash leaves them for a retry, never lost),
 * then each is taken in through the IntakeService and marked ACCEPTED with
 * its appeal, or REJECTED / PENDING_RETRY with its error. Re-sending an
 * accepted record changes nothing (idempotent on the source id).
 */
export class ChannelIngestService {
  constructor(
    private readonly app: CoreServices,
    private readonly intake: IntakeService,
  ) {}

  async ingest(adapter: AnyChannelAdapter, records: readonly PreparedRecord[], options: IngestOptions): Promise<RecordResult[]> {
    const stored = await this.keep(adapter, records, options);
    const results: RecordResult[] = [];
    const done = new Map<string, RecordResult>();
    for (const record of records) {
      const earlier = done.get(record.key);
      const result = earlier
        ? { ...earlier, position: record.position, outcome: earlier.appealId ? ('UNCHANGED' as const) : earlier.outcome }
        : await this.takeIn(adapter, record, stored.get(record.key)!, options.actor);
      if (!earlier) done.set(record.key, result);
      results.push(result);
      await options.onResult?.(result);
    }
    return results;
  }

  /** Keeps every record (upsert by key) before anything is taken in; accepted records are left as they are. */
  private async keep(adapter: AnyChannelAdapter, records: readonly PreparedRecord[], options: IngestOptions): Promise<Map<string, StoredRow>> {
    const em = this.app.orm.em.fork() as EntityManager;
    const now = this.app.clock.now();
    const unique = [...new Map(records.map((r) => [r.key, r])).values()];
    const stored = new Map<string, StoredRow>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const rows = chunk.map(
        (r) =>
          sql`(${randomUUID()}, ${adapter.code}, ${r.channel}, ${r.key}, ${r.externalId}, ${options.jobId ?? null}, ${r.position}, ${JSON.stringify(r.raw ?? null)},
          ${ChannelRecordStatus.PENDING_RETRY}, 0, ${options.submittedBy}, ${r.mapped.ok ? (r.mapped.input.sourceStatus ?? null) : null}, ${now}, ${now})`,
      );
      const upserted = await query<StoredRow>(
        em,
        sql`insert into channel_record (id, adapter, channel, record_key, external_id, job_id, position, raw, status, attempts, submitted_by_id, source_status, created_at, updated_at)
        values ${join(rows, ', ')}
        on conflict (record_key) do update set channel = excluded.channel, external_id = excluded.external_id, job_id = excluded.job_id,
          position = excluded.position, raw = excluded.raw, status = excluded.status, submitted_by_id = excluded.submitted_by_id,
          source_status = excluded.source_status, updated_at = excluded.updated_at
        where channel_record.status <> ${ChannelRecordStatus.ACCEPTED}
        returning id, record_key, status, appeal_id`,
      );
      for (const row of upserted) stored.set(row.record_key, row);
      const untouched = chunk.map((r) => r.key).filter((key) => !stored.has(key));
      if (untouched.length) {
        const accepted = await query<StoredRow>(
          em,
          sql`select id, record_key, status, appeal_id from channel_record where record_key = any(${untouched}::text[])`,
        );
        for (const row of accepted) stored.set(row.record_key, row);
      }
    }
    return stored;
  }

  private async takeIn(adapter: AnyChannelAdapter, record: PreparedRecord, stored: StoredRow, actor: Actor): Promise<RecordResult> {
    const base = { position: record.position, recordId: stored.id, externalId: record.externalId };
    if (stored.status === ChannelRecordStatus.ACCEPTED) {
      return { ...base, outcome: 'UNCHANGED', appealId: stored.appeal_id, errorCode: null, errors: [] };
    }
    if (!record.mapped.ok) return this.fail(base, ChannelRecordStatus.REJECTED, 'BAD_USER_INPUT', record.mapped.errors);
    const input = record.mapped.input;
    const em = this.app.orm.em.fork() as EntityManager;
    let appealId: string;
    let outcome: RecordOutcome;
    try {
      const existing = await adapter.hooks?.existingAppeal?.(input, em);
      if (existing) {
        appealId = existing;
        outcome = 'MERGED';
      } else {
        const result = await this.intake.register(input, actor);
        appealId = result.appealId;
        outcome = result.created ? 'CREATED' : 'UNCHANGED';
      }
    } catch (error) {
      const code = errorCode(error);
      const extensions = (error as { extensions?: { field?: unknown } }).extensions;
      const field = typeof extensions?.field === 'string' ? extensions.field : '(запись)';
      const message = error instanceof Error ? error.message : String(error);
      if (code && REFUSALS.has(code)) return this.fail(base, ChannelRecordStatus.REJECTED, code, [{ field, message }]);
      this.app.logger.error({ err: error, adapter: adapter.code, record: stored.id }, 'channel record: intake failed, kept for a retry');
      return this.fail(base, ChannelRecordStatus.PENDING_RETRY, code ?? 'INTERNAL_SERVER_ERROR', [{ field: '(запись)', message }]);
    }
    const now = this.app.clock.now();
    await em.transactional(async (tx) => {
      await adapter.hooks?.afterAccept?.(input, appealId, outcome === 'MERGED', tx as EntityManager, now);
      await query(
        tx as EntityManager,
        sql`update channel_record set status = ${ChannelRecordStatus.ACCEPTED}, appeal_id = ${appealId}, merged = ${outcome === 'MERGED'},
        error_code = null, error_field = null, error_message = null, errors = null, attempts = attempts + 1, updated_at = ${now}
        where id = ${stored.id}`,
      );
    });
    return { ...base, outcome, appealId, errorCode: null, errors: [] };
  }

  private async fail(
    base: Pick<RecordResult, 'position' | 'recordId' | 'externalId'>,
    status: ChannelRecordStatus.REJECTED | ChannelRecordStatus.PENDING_RETRY,
    code: string,
    errors: FieldError[],
  ): Promise<RecordResult> {
    const em = this.app.orm.em.fork() as EntityManager;
    await query(
      em,
      sql`update channel_record set status = ${status}, error_code = ${code}, error_field = ${errors[0]?.field ?? null},
      error_message = ${errors[0]?.message ?? null}, errors = ${JSON.stringify(errors)}, attempts = attempts + 1, updated_at = ${this.app.clock.now()}
      where id = ${base.recordId}`,
    );
    return { ...base, outcome: status === ChannelRecordStatus.REJECTED ? 'REJECTED' : 'PENDING_RETRY', appealId: null, errorCode: code, errors };
  }
}
