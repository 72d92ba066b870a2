import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { spreadsheetLimits } from '../channels/adapters/spreadsheet-limits.js';
import { ImportJobStatus } from '../entities/channel-enums.js';
import { query, sql, type Sql } from '../db/sql.js';
import { badInput, conflict } from '../errors/errors.js';
import { ImportRowStatus } from '../lifecycle/lifecycle-types.js';
import type { RecurringJob } from '../jobs/recurring-job.js';
import { SurveyStatus } from './rules/survey-enums.js';
import { findSurvey } from './survey.service.js';
import { importSurveyResponses } from './survey-import.service.js';
import { fileRowInputs, readSurveyFile, type FileRowInput, type SurveyFileFormat } from './survey-file.reader.js';

/** The kind of import job (`import_job.adapter`) of a file of survey responses. */
export const SURVEY_IMPORT_KIND = 'survey-responses';
/** Rows a chunk writes in one transaction (three statements: survey-responses.writer.ts); progress is recorded after each. */
export const SURVEY_IMPORT_CHUNK = 1000;

const running = new Set<Promise<void>>();

export interface SurveyImportStart {
  jobId: string;
  format: SurveyFileFormat;
  total: number;
}

/**
 * A file of offline responses as an import job of the channels' table
 * (`import_job`, kind `survey-responses`): the whole-file checks answer the
 * request (the package against ZIP bombs, the row and cell budget, the
 * columns: BAD_USER_INPUT on `file`, nothing written, no job), then the rows
 * are written in the background in chunks of SURVEY_IMPORT_CHUNK, with the
 * job's progress after each chunk and every refused row kept with its number
 * and column (`survey_import_row`). Rows are idempotent by their key, so a
 * job cut short by a restart is finished by sending the file again.
 */
export async function startSurveyImport(
  app: CoreServices,
  user: AuthUser,
  surveyId: string,
  body: Buffer,
  fileName: string | null,
): Promise<SurveyImportStart> {
  if (!body.length) throw badInput('file', 'Пустое тело запроса: пришлите файл CSV или XLSX');
  const em = app.orm.em.fork() as EntityManager;
  const survey = await findSurvey(em, user, surveyId);
  if (survey.status === SurveyStatus.DRAFT) throw conflict('Опрос ещё черновик: ответы принимаются после открытия', { currentVersion: survey.version });
  // An XLSX is a ZIP (PK\x03\x04); anything else is read as CSV text.
  const format: SurveyFileFormat = body.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
  const { headers, rows } = await readSurveyFile(body, format, spreadsheetLimits(app.config));
  const places = await query<{ id: string; code: string; short_name: string; name: string }>(em, sql`select id, code, short_name, name from municipality`);
  const municipalities = new Map(places.flatMap((m) => [m.id, m.code, m.short_name, m.name].map((key) => [key.toLowerCase(), m.id] as const)));
  const inputs = fileRowInputs(headers, rows, survey.questions, municipalities);
  const jobId = randomUUID();
  await query(
    em,
    sql`insert into import_job (id, adapter, file_name, status, total, options, submitted_by_id, started_at)
      values (${jobId}::uuid, ${SURVEY_IMPORT_KIND}, ${fileName}, ${ImportJobStatus.RUNNING}::import_job_status, ${rows.length},
        ${JSON.stringify({ surveyId: survey.id, format })}::jsonb, ${user.id}::uuid, ${app.clock.now()}::timestamptz)`,
  );
  const positions = rows.map((r) => r.position);
  const task: Promise<void> = runImport(app, user, jobId, survey.id, inputs, positions).finally(() => running.delete(task));
  running.add(task);
  return { jobId, format, total: rows.length };
}

async function runImport(app: CoreServices, user: AuthUser, jobId: string, surveyId: string, inputs: FileRowInput[], positions: number[]): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  const counts = { processed: 0, created: 0, existing: 0, failed: 0 };
  // created → accepted, existing → merged (already in the survey), failed → rejected: the job's columns as the channels name them.
  const flush = (extra: Sql = sql``) =>
    query(
      em,
      sql`update import_job set processed = ${counts.processed}, accepted = ${counts.created + counts.existing}, merged = ${counts.existing},
        rejected = ${counts.failed} ${extra} where id = ${jobId}::uuid`,
    );
  try {
    // A key twice in the file is an error of the second row, wherever the chunks split.
    const seen = new Set<string>();
    const refused = new Map<number, GraphQLError>();
    inputs.forEach((row, i) => {
      const key = String(row.input.rowKey ?? '').trim();
      if (row.error) refused.set(i, row.error);
      else if (key && seen.has(key)) refused.set(i, badInput('rowKey', 'Ключ строки повторяется в этом файле'));
      seen.add(key);
    });
    for (let start = 0; start < inputs.length; start += SURVEY_IMPORT_CHUNK) {
      const chunk = inputs.slice(start, start + SURVEY_IMPORT_CHUNK);
      const chunkRefused = new Map([...refused].filter(([i]) => i >= start && i < start + chunk.length).map(([i, e]) => [i - start, e] as const));
      const payload = await importSurveyResponses(
        app,
        app.orm.em.fork() as EntityManager,
        user,
        surveyId,
        chunk.map((r) => r.input),
        chunkRefused,
      );
      const errors = payload.rows.filter((r) => r.status === ImportRowStatus.ERROR);
      if (errors.length)
        await query(
          em,
          sql`insert into survey_import_row (job_id, row, row_key, code, field, message)
            select ${jobId}::uuid, * from unnest(${errors.map((r) => positions[start + r.index]!)}::int[], ${errors.map((r) => r.rowKey)}::text[],
              ${errors.map((r) => r.error!.code)}::text[], ${errors.map((r) => r.error!.field)}::text[], ${errors.map((r) => r.error!.message)}::text[])
            on conflict do nothing`,
        );
      counts.processed += chunk.length;
      counts.created += payload.created;
      counts.existing += payload.existing;
      counts.failed += payload.failed;
      await flush();
    }
    await flush(sql`, status = ${ImportJobStatus.DONE}::import_job_status, finished_at = ${app.clock.now()}::timestamptz`);
  } catch (error) {
    app.logger.error({ err: error, jobId }, 'survey import job failed');
    // The submitter reads a refusal's own message (a survey closed meanwhile, gone from scope), never SQL.
    const message =
      error instanceof GraphQLError && error.extensions?.code !== 'INTERNAL_SERVER_ERROR'
        ? error.message
        : `Загрузка прервана внутренней ошибкой; строки, записанные до неё, сохранены, пришлите файл снова. Журнал сервера: jobId ${jobId}`;
    await flush(sql`, status = ${ImportJobStatus.FAILED}::import_job_status, error = ${message}, finished_at = ${app.clock.now()}::timestamptz`).catch(
      () => undefined,
    );
  }
}

/** Resolves when every survey import of this process has finished (graceful stop, tests). */
export async function drainSurveyImports(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** Stopping the app waits for the imports in flight. */
export async function surveyImportsJob(): Promise<RecurringJob> {
  return { stop: drainSurveyImports };
}
