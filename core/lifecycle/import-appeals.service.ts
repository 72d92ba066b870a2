import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import { runAppealTransaction, type Actor } from '../events/appeal-transaction.js';
import { badInput } from '../errors/errors.js';
import { prepareAppeal, type AppealIntake, type PreparedAppeal } from './appeal-intake.js';
import { writeAppeals } from './appeal-writer.js';
import { loadReferenceDirectory } from './reference-directory.js';

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
  return { index, status: 'ERROR', appealId: null, number: null, error: { code: 'INTERNAL_SERVER_ERROR', field: null, message: 'Строка не сохранена из-за внутренней ошибки' } };
}

/**
 * Imports up to 10,000 appeals: every row is validated first (an invalid row
 * is reported with its index and field and never costs the valid ones), then
 * the valid rows are written in chunks, in order of receipt (so repeats link
 * to earlier rows), each chunk in one transaction with multi-row inserts.
 * A chunk that fails is retried row by row: each appeal and its audit entries
 * are written together or not at all.
 */
export async function importAppeals(app: AppServices, em: EntityManager, actor: Actor, rows: readonly AppealIntake[]): Promise<ImportResult> {
  if (rows.length > MAX_IMPORT_ROWS) throw badInput('input', `Не более ${MAX_IMPORT_ROWS} строк за один вызов, получено ${rows.length}`, { max: MAX_IMPORT_ROWS });
  const directory = await loadReferenceDirectory(em);
  const now = app.clock.now();
  const results: ImportRowResult[] = new Array(rows.length);
  const valid: { index: number; prepared: PreparedAppeal }[] = [];
  rows.forEach((row, index) => {
    try {
      valid.push({ index, prepared: prepareAppeal(row, { app, directory, now }) });
    } catch (error) {
      results[index] = rowError(index, error, app);
    }
  });
  valid.sort((a, b) => a.prepared.receivedAt.getTime() - b.prepared.receivedAt.getTime() || a.index - b.index);

  const write = async (items: typeof valid) => {
    // A fresh EntityManager per chunk: the identity map stays the size of one chunk.
    const written = await runAppealTransaction(app, em.fork() as EntityManager, actor, (tx) => writeAppeals(app, tx, items.map((item) => item.prepared)));
    written.forEach((w, i) => {
      results[items[i]!.index] = {
        index: items[i]!.index, status: w.created ? 'CREATED' : 'EXISTING', appealId: w.row.id as string, number: w.row.number as string, error: null,
      };
    });
  };
  for (let i = 0; i < valid.length; i += CHUNK_SIZE) {
    const chunk = valid.slice(i, i + CHUNK_SIZE);
    try {
      await write(chunk);
    } catch {
      for (const item of chunk) {
        try {
          await write([item]);
        } catch (error) {
          results[item.index] = rowError(item.index, error, app);
        }
      }
    }
  }
  const count = (status: ImportRowStatus) => results.filter((r) => r.status === status).length;
  return { rows: results, created: count('CREATED'), existing: count('EXISTING'), failed: count('ERROR') };
}
