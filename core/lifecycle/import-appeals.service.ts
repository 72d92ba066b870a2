import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import { runAppealTransaction, type Actor } from '../events/appeal-transaction.js';
import { badInput } from '../errors/errors.js';
import { prepareAppeal, type AppealIntake, type PreparedAppeal } from './appeal-intake.js';
import { serializeAhead, writeAppeals, type WriteAlongside } from './appeal-writer.js';
import { pgQuery } from '../db/pg-query.js';
import { RESERVE_NUMBERS_SQL } from '../appeals/appeal-number.js';
import { loadReferenceDirectory } from './reference-directory.js';
import { announcementMatcher } from '../announcements/intake-matching.js';

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

function rowError(index: number, error: unknown, app: AppServices): ImportRowResult {
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
 * were written one after another, in order of receipt.
 */
export async function importAppeals(app: AppServices, em: EntityManager, actor: Actor, rows: readonly AppealIntake[]): Promise<ImportResult> {
  if (rows.length > MAX_IMPORT_ROWS)
    throw badInput('input', `Не более ${MAX_IMPORT_ROWS} строк за один вызов, получено ${rows.length}`, { max: MAX_IMPORT_ROWS });
  const directory = await loadReferenceDirectory(em);
  const attachAnnouncement = await announcementMatcher(app, em);
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

  /** A chunk being written: the appeals it inserts (known once its turn came), and when it is done. */
  interface Writing {
    done: Promise<void>;
    finished: boolean;
    inserting: readonly PreparedAppeal[];
  }
  let writings: Writing[] = [];
  const inFlight = () => writings.filter((w) => !w.finished);
  // The turn of the chunk launched last: released once it has settled its inserts and taken its
  // registration numbers (or, if it failed before, once its rows are written one by one), so that
  // chunks written side by side number their appeals in order of receipt.
  let lastTurn: Promise<void> = Promise.resolve();
  /** A single row's write that reuses the number its chunk reserved for it (null: take one from the sequence). */
  const withNumber = (number: string | null): WriteAlongside | undefined =>
    number === null ? undefined : { turn: async () => [], reserveNumbers: async (fresh) => (fresh.length ? [number] : []), settled: async () => undefined };
  const launch = (chunk: Item[]) => {
    const before = inFlight();
    const previousTurn = lastTurn;
    let release!: () => void;
    lastTurn = new Promise<void>((resolve) => (release = resolve));
    const reserved = new Map<PreparedAppeal, string>();
    const writing: Writing = { finished: false, inserting: [], done: Promise.resolve() };
    const settled = () => Promise.all(before.map((w) => w.done));
    const alongside: WriteAlongside = {
      async turn() {
        await previousTurn;
        return before.filter((w) => !w.finished).flatMap((w) => w.inserting);
      },
      async reserveNumbers(fresh, txEm) {
        writing.inserting = fresh;
        try {
          if (!fresh.length) return [];
          const [taken] = await pgQuery<{ numbers: string[] }>(txEm, RESERVE_NUMBERS_SQL, [fresh.length], { prepared: true });
          fresh.forEach((p, i) => reserved.set(p, taken!.numbers[i]!));
          return taken!.numbers;
        } finally {
          release();
        }
      },
      settled,
    };
    writing.done = (async () => {
      try {
        await write(chunk, alongside);
      } catch {
        // Row by row once the chunks before it are written: their rows are then stored (or refused) for good.
        // Each row keeps the number its chunk reserved for it; a chunk that failed before reserving
        // keeps its turn until its rows are written, so the chunk after it numbers its own after them.
        await settled();
        for (const item of chunk) {
          try {
            await write([item], withNumber(reserved.get(item.prepared) ?? null));
          } catch (error) {
            results[item.index] = rowError(item.index, error, app);
          }
        }
      } finally {
        release();
        writing.finished = true;
      }
    })();
    writings = [...before, writing];
  };

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
      while (inFlight().length >= WRITERS) await Promise.race(inFlight().map((w) => w.done));
      launch(pending);
      pending = [];
    }
    if (i % PREPARE_SLICE === PREPARE_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(writings.map((w) => w.done));
  const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
  return { rows: results, created: count('CREATED'), existing: count('EXISTING'), failed: count('ERROR') };
}
