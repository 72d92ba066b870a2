import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { badInput } from '../errors/errors.js';
import type { AdapterContext, AnyChannelAdapter, ParsedItem } from './adapters/channel-adapter.js';
import { ChannelRecordStatus, ImportJobStatus } from '../entities/channel-enums.js';
import { ChannelIngestService, prepareItem, type PreparedRecord, type RecordResult } from './channel-ingest.service.js';
import { channelAdapter } from './adapter-registry.js';
import { zodFieldErrors } from './adapters/adapter-helpers.js';
import { spreadsheetLimits, type SpreadsheetLimits } from './adapters/spreadsheet-limits.js';
import { identifier, join, query, queryOne, sql } from '../db/sql.js';

/** Progress is written at most this often (records), so a long import does not write on every row. */
const PROGRESS_EVERY = 25;
/** A webhook call answers per record at once; larger batches go through an import job. */
export const MAX_WEBHOOK_RECORDS = 1000;

/** The adapter's options checked before anything is read; errors name the option (`options.mapping.text`). */
export function readOptions(adapter: AnyChannelAdapter, raw: unknown): unknown {
  if (!adapter.options) return {};
  const parsed = adapter.options.safeParse(raw ?? {});
  if (!parsed.success) {
    const [first] = zodFieldErrors(parsed.error, 'options.');
    throw badInput(first.field, first.message);
  }
  return parsed.data;
}

/** Reads the whole input (whole-input defects throw before any record is kept) and maps every record. */
export async function prepareInput(
  adapter: AnyChannelAdapter,
  input: Buffer,
  options: unknown,
  ctx: AdapterContext,
  limits?: SpreadsheetLimits,
): Promise<PreparedRecord[]> {
  const records: PreparedRecord[] = [];
  for await (const item of adapter.parse(input, options, limits)) records.push(prepareItem(adapter, item, options, ctx));
  return records;
}

export interface ImportRequest {
  adapter: string;
  input: Buffer;
  options?: unknown;
  fileName?: string | null;
  user: AuthUser;
}

/**
 * Runs file imports in the background of this process, with progress in
 * `import_job` (`total` is known once the file is read). Every record is
 * kept before the first is taken in, so an import cut short by a restart
 * leaves its remaining records PENDING_RETRY (retried by
 * `retryChannelRecords`), never lost; a restart while the file is still
 * being read leaves the job RUNNING with nothing kept (send the file again).
 * A PostgreSQL-backed job queue can take this over without changing the tables.
 */
export class ChannelImports {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly app: CoreServices,
    private readonly ingest: ChannelIngestService,
    private readonly contextFor: (now: Date) => AdapterContext,
  ) {}

  /**
   * Checks the options and the file's form (reading its first record: a file
   * that is not what the adapter reads, or whose mapped column is missing,
   * is refused here, before any job), records the job, and reads, keeps and
   * takes in the records in the background; returns the job's id at once.
   */
  async start(request: ImportRequest): Promise<string> {
    const adapter = channelAdapter(request.adapter);
    const options = readOptions(adapter, request.options);
    // The file's limits (a ZIP bomb, too many rows) are checked before and while reading; the first refusal answers the request.
    const items = adapter.parse(request.input, options, spreadsheetLimits(this.app.config))[Symbol.asyncIterator]();
    const first = await items.next();
    const id = randomUUID();
    const em = this.app.orm.em.fork() as EntityManager;
    await query(
      em,
      sql`insert into import_job (id, adapter, file_name, status, total, options, submitted_by_id, started_at)
      values (${id}, ${adapter.code}, ${request.fileName ?? null}, ${ImportJobStatus.RUNNING}, 0, ${JSON.stringify(options)}, ${request.user.id}, ${this.app.clock.now()})`,
    );
    const task: Promise<void> = this.run(id, adapter, options, first, items, request.user).finally(() => this.running.delete(task));
    this.running.add(task);
    return id;
  }

  private async run(
    jobId: string,
    adapter: AnyChannelAdapter,
    options: unknown,
    first: IteratorResult<ParsedItem<unknown>>,
    rest: AsyncIterator<ParsedItem<unknown>>,
    user: AuthUser,
  ): Promise<void> {
    const counts = { processed: 0, accepted: 0, merged: 0, rejected: 0, pending_retry: 0 };
    const flush = async (extra: Record<string, unknown> = {}) => {
      const em = this.app.orm.em.fork() as EntityManager;
      const set = Object.entries({ ...counts, ...extra }).map(([column, value]) => sql`${identifier(column)} = ${value}`);
      await query(em, sql`update import_job set ${join(set, ', ')} where id = ${jobId}`);
    };
    try {
      const ctx = this.contextFor(this.app.clock.now());
      const records: PreparedRecord[] = [];
      for (let item = first; !item.done; item = await rest.next()) records.push(prepareItem(adapter, item.value, options, ctx));
      await flush({ total: records.length });
      await this.ingest.ingest(adapter, records, {
        actor: { user },
        submittedBy: user.id,
        jobId,
        onResult: async (result) => {
          count(counts, result);
          if (counts.processed % PROGRESS_EVERY === 0) await flush();
        },
      });
      await flush({ status: ImportJobStatus.DONE, finished_at: this.app.clock.now() });
    } catch (error) {
      this.app.logger.error({ err: error, jobId }, 'import job failed');
      // The job's error is read by its submitter: a refusal's own message, never SQL or the rows it carried (those are in the log).
      const message =
        error instanceof GraphQLError && error.extensions?.code !== 'INTERNAL_SERVER_ERROR'
          ? error.message
          : `Загрузка прервана внутренней ошибкой; записи, сохранённые до неё, можно повторить (retryChannelRecords). Журнал сервера: jobId ${jobId}`;
      await flush({ status: ImportJobStatus.FAILED, error: message, finished_at: this.app.clock.now() }).catch(() => undefined);
    }
  }

  /** Resolves when every import started by this process has finished (graceful stop, tests). */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

function count(counts: { processed: number; accepted: number; merged: number; rejected: number; pending_retry: number }, result: RecordResult) {
  counts.processed++;
  if (result.outcome === 'REJECTED') counts.rejected++;
  else if (result.outcome === 'PENDING_RETRY') counts.pending_retry++;
  else {
    counts.accepted++;
    if (result.outcome === 'MERGED') counts.merged++;
  }
}

interface StoredRecord {
  id: string;
  adapter: string;
  raw: unknown;
  position: number | null;
  job_id: string | null;
  job_options: unknown;
}

/**
 * Takes kept records in again (those not accepted): after the source data,
 * a mapping table or the configuration was fixed, or after a transient
 * failure. Each goes through the same path as when it first came.
 */
export async function retryRecords(
  app: CoreServices,
  ingest: ChannelIngestService,
  contextFor: (now: Date) => AdapterContext,
  ids: readonly string[],
  user: AuthUser,
): Promise<RecordResult[]> {
  const em = app.orm.em.fork() as EntityManager;
  const rows = await query<StoredRecord>(
    em,
    sql`select r.id, r.adapter, r.raw, r.position, r.job_id, j.options as job_options
    from channel_record r left join import_job j on j.id = r.job_id
    where r.id = any(${[...ids]}::uuid[]) and r.status <> ${ChannelRecordStatus.ACCEPTED}`,
  );
  const ctx = contextFor(app.clock.now());
  const results: RecordResult[] = [];
  for (const row of rows) {
    const adapter = channelAdapter(row.adapter);
    const options = readOptions(adapter, row.job_options ?? {});
    const revivable = row.raw !== null && typeof row.raw === 'object' && !Array.isArray(row.raw);
    let record: PreparedRecord;
    try {
      const item = revivable
        ? { position: row.position ?? 0, record: adapter.revive ? adapter.revive(row.raw, options) : row.raw }
        : {
            position: row.position ?? 0,
            raw: row.raw,
            error: { field: '(запись)', message: 'Запись не разобрана при получении; исправьте её в источнике и пришлите снова' },
          };
      record = prepareItem(adapter, item, options, ctx);
    } catch (error) {
      record = prepareItem(
        adapter,
        { position: row.position ?? 0, raw: row.raw, error: { field: '(запись)', message: (error as Error).message } },
        options,
        ctx,
      );
    }
    // A retried record keeps its own row even when its key would now be computed differently.
    const stored = await queryOne<{ record_key: string }>(em, sql`select record_key from channel_record where id = ${row.id}`);
    record = { ...record, key: stored!.record_key };
    results.push(...(await ingest.ingest(adapter, [record], { actor: { user }, submittedBy: user.id, jobId: row.job_id })));
  }
  return results;
}
