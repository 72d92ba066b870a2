import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { LifecycleServices } from './lifecycle-services.js';
import { runAppealTransaction, type Actor } from '../events/appeal-transaction.js';
import { badInput } from '../errors/errors.js';
import { prepareAppeal, type AppealIntake, type PreparedAppeal } from './appeal-intake.js';
import { serializeAhead, writeAppeals, type WriteAlongside } from './appeal-writer.js';
import { pgQuery } from '../db/pg-query.js';
import { RESERVE_NUMBERS_SQL } from '../appeals/appeal-number.js';
import { loadReferenceDirectory } from './reference-directory.js';
import { ChunkSequencer } from './chunk-sequencer.js';

export const MAX_IMPORT_ROWS = 10_000;
/** Appeals per transaction: a failing chunk is retried row by row, so one bad row costs at most this many retries. */
const CHUNK_SIZE = 1000;

export type ImportRowStatus = 'CREATED' | 'EXISTING' | 'ERROR';

export interface ImportRowResult {
  index: number;
  status: ImportRowStatus;
  appealId: string | null;
  number: string | null;
  error: { code: string; field: string | null; message: string } | null;
}

export interface ImportResult {
  rows: ImportRowResult[];
  created: number;
  existing: number;
  failed: number;
}

function rowError(index: number, error: unknown, app: LifecycleServices): ImportRowResult {
  if (error instanceof GraphQLError) {
    const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    const field = typeof error.extensions?.field === 'string' ? error.extensions.field : null;
    return { index, status: 'ERROR', appealId: null, number: null, error: { code, field, message: error.message } };
  }
  app.logger.error({ err: error, index }, 'import: row failed');
  return {
    index,
    status: 'ERROR',
    appealId: null,
    number: null,
    error: { code: 'INTERNAL_SERVER_ERROR', field: null, message: 'Строка не сохранена из-за внутренней ошибки' },
  };
}

/**
 * Chunks written side by side, each in its own transaction: PostgreSQL's work
 * on a chunk (the inserts and their indexes) is most of an import's time, and
 * the API waits on it about half of the time with one writer.
 */
const WRITERS = 2;
/** Rows prepared between two turns of the event loop, so the writer's queries go on meanwhile. */
const PREPARE_SLICE = 100;

const receiptTime = (row: AppealIntake) => {
  const time = row.receivedAt instanceof Date ? row.receivedAt.getTime() : Date.parse(String(row.receivedAt));
  return Number.isNaN(time) ? Infinity : time;
};

/**
 * Imports up to 10,000 appeals. Every row is validated on its own (an
 * invalid row is reported with its index and field and never costs the valid
 * ones); valid rows are written in order of receipt (so repeats link to
 * earlier rows) in chunks of 1,000, each chunk one transaction with
 * multi-row inserts. A chunk that fails is retried row by row: each appeal
 * and its audit entries are written together or not at all. Two chunks are
 * written at a time while the next rows are being prepared. A chunk takes its
 * registration numbers after the chunk before it, links repeats to the rows
 * that chunk inserts too (waiting for it to be written before inserting, as
 * a foreign key cannot see an uncommitted row), and leaves a key that chunk
 * inserts to it: numbers, repeat links and keys come out as if the chunks
 * were written one after another, in order of receipt (the protocol:
 * chunk-sequencer.ts).
 */
export async function importAppeals(app: LifecycleServices, em: EntityManager, actor: Actor, rows: readonly AppealIntake[]): Promise<ImportResult> {
  if (rows.length > MAX_IMPORT_ROWS)
    throw badInput('input', `Не более ${MAX_IMPORT_ROWS} строк за один вызов, получено ${rows.length}`, { max: MAX_IMPORT_ROWS });
  const directory = await loadReferenceDirectory(em);
  const attachAnnouncement = await app.matchAnnouncements(app, em);
  const now = app.clock.now();
  const results: ImportRowResult[] = new Array(rows.length);
  const order = rows.map((row, index) => ({ index, time: receiptTime(row) })).sort((a, b) => a.time - b.time || a.index - b.index);

  type Item = { index: number; prepared: PreparedAppeal };
  const write = async (items: Item[], alongside?: WriteAlongside) => {
    // A fresh EntityManager per chunk: the identity map stays the size of one chunk.
    const written = await runAppealTransaction(app, em.fork() as EntityManager, actor, (tx) =>
      writeAppeals(
        app,
        tx,
        items.map((item) => item.prepared),
        alongside,
      ),
    );
    written.forEach((w, i) => {
      results[items[i]!.index] = {
        index: items[i]!.index,
        status: w.created ? 'CREATED' : 'EXISTING',
        appealId: w.row.id as string,
        number: w.row.number as string,
        error: null,
      };
    });
  };
  const chunks = new ChunkSequencer<Item>({
    writers: WRITERS,
    appealOf: (item) => item.prepared,
    reserveNumbers: async (count, txEm) => {
      const [taken] = await pgQuery<{ numbers: string[] }>(txEm, RESERVE_NUMBERS_SQL, [count], { prepared: true });
      return taken!.numbers;
    },
    write,
    failed: (item, error) => (results[item.index] = rowError(item.index, error, app)),
  });

  let pending: Item[] = [];
  for (let i = 0; i < order.length; i++) {
    const { index } = order[i]!;
    try {
      const prepared = prepareAppeal(rows[index]!, { app, directory, now });
      attachAnnouncement(prepared, directory);
      serializeAhead(prepared, actor, now);
      pending.push({ index, prepared });
    } catch (error) {
      results[index] = rowError(index, error, app);
    }
    if (pending.length === CHUNK_SIZE || (i === order.length - 1 && pending.length)) {
      // Preparation stays one chunk ahead of the writers at most, so that a 10,000-row
      // import does not hold every row's serialized JSON at once.
      await chunks.add(pending);
      pending = [];
    }
    if (i % PREPARE_SLICE === PREPARE_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await chunks.finish();
  const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
  return { rows: results, created: count('CREATED'), existing: count('EXISTING'), failed: count('ERROR') };
}
