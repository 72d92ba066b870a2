import express, { type Express, type Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import { authenticateRequest } from '../auth/authenticate.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { spreadsheetLimits } from '../channels/adapters/spreadsheet-limits.js';
import { surveysAccess } from './survey-access.js';
import { findSurvey } from './survey.service.js';
import { importSurveyResponses, MAX_IMPORT_ROWS } from './survey-import.service.js';
import { fileRowInputs, readSurveyFile, type SurveyFileFormat } from './survey-file.reader.js';

/** The channels' upload limit (channel-routes.ts): a larger file is split by its author. */
const MAX_UPLOAD = '50mb';
const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

function refuse(res: Response, error: GraphQLError) {
  const code = String(error.extensions?.code ?? 'BAD_USER_INPUT');
  res.status(STATUS[code] ?? 400).json({ errors: [{ message: error.message, extensions: { code, field: error.extensions?.field ?? null } }] });
}

/**
 * POST /surveys/{id}/responses (body: the CSV or XLSX file, told apart by
 * its bytes): paper and phone polls keyed into a spreadsheet. Read with the
 * channels' readers and limits, each row then goes through
 * importSurveyResponses like a row of the mutation: per-row result with the
 * file's row number and the column at fault, a bad row written in no part
 * and stopping no other, a row whose key the survey has is EXISTING.
 */
export function registerSurveyUploadRoutes(expressApp: Express, app: AppServices): void {
  expressApp.post('/surveys/:id/responses', express.raw({ type: () => true, limit: MAX_UPLOAD }), async (req, res) => {
    let user: AuthUser | null;
    try {
      user = await authenticateRequest(app, { authorization: req.headers.authorization });
    } catch {
      return refuse(res, new GraphQLError('Недействительный токен', { extensions: { code: 'UNAUTHENTICATED' } }));
    }
    if (!user) return refuse(res, new GraphQLError('Требуется вход в систему', { extensions: { code: 'UNAUTHENTICATED' } }));
    const access = surveysAccess['Mutation.importSurveyResponses'];
    if (access !== 'PUBLIC' && !access.includes(user.role))
      return refuse(res, new GraphQLError('Недостаточно прав для этой операции', { extensions: { code: 'FORBIDDEN' } }));
    try {
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body) || !body.length)
        throw new GraphQLError('Пустое тело запроса: пришлите файл CSV или XLSX', { extensions: { code: 'BAD_USER_INPUT', field: 'file' } });
      const em = app.orm.em.fork() as EntityManager;
      const survey = await findSurvey(em, user, String(req.params.id));
      // An XLSX is a ZIP (PK\x03\x04); anything else is read as CSV text.
      const format: SurveyFileFormat = body.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
      const limits = spreadsheetLimits(app.config);
      const { headers, rows } = await readSurveyFile(body, format, { ...limits, maxRows: Math.min(limits.maxRows, MAX_IMPORT_ROWS + 1) });
      const places = await pgQuery<{ id: string; code: string; short_name: string; name: string }>(
        em,
        'select id, code, short_name, name from municipality',
        [],
      );
      const municipalities = new Map(places.flatMap((m) => [m.id, m.code, m.short_name, m.name].map((key) => [key.toLowerCase(), m.id] as const)));
      const inputs = fileRowInputs(headers, rows, survey.questions, municipalities);
      const refused = new Map(inputs.flatMap((row, i) => (row.error ? [[i, row.error] as const] : [])));
      const payload = await importSurveyResponses(
        app,
        app.orm.em.fork() as EntityManager,
        user,
        survey.id,
        inputs.map((row) => row.input),
        refused,
      );
      res.json({
        format,
        created: payload.created,
        existing: payload.existing,
        failed: payload.failed,
        rows: payload.rows.map((row) => ({ row: rows[row.index].position, rowKey: row.rowKey, status: row.status, error: row.error })),
      });
    } catch (error) {
      if (error instanceof GraphQLError) return refuse(res, error);
      app.logger.error({ err: error, requestId: res.locals.requestId }, 'survey upload failed');
      res.status(500).json({ errors: [{ message: 'Внутренняя ошибка сервера', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
}
