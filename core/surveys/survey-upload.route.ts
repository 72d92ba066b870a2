import express, { type Express, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { SurveysServices } from './survey.service.js';
import { authenticateRequest } from '../auth/authenticate.js';
import type { AuthUser } from '../auth/auth-user.js';
import { surveysAccess } from './survey-access.js';
import { startSurveyImport } from './survey-import-job.js';

/** The channels' upload limit (channel-routes.ts): a larger file is split by its author. */
const MAX_UPLOAD = '50mb';
const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

function refuse(res: Response, error: GraphQLError) {
  const code = String(error.extensions?.code ?? 'BAD_USER_INPUT');
  res.status(STATUS[code] ?? 400).json({ errors: [{ message: error.message, extensions: { code, field: error.extensions?.field ?? null } }] });
}

/**
 * POST /surveys/{id}/responses (body: the CSV or XLSX file, told apart by
 * its bytes; `?fileName=` optional): paper and phone polls keyed into a
 * spreadsheet, as an import job (survey-import-job.ts). The whole-file
 * checks answer here (400 on `file`, nothing written); otherwise 202 with
 * the job's id, its rows then written in the background: progress and the
 * refused rows through `surveyImportJob(id)`.
 */
export function registerSurveyUploadRoutes(expressApp: Express, app: SurveysServices): void {
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
      const fileName = typeof req.query.fileName === 'string' ? req.query.fileName.slice(0, 300) : null;
      const started = await startSurveyImport(app, user, String(req.params.id), Buffer.isBuffer(body) ? body : Buffer.alloc(0), fileName);
      res.status(202).json(started);
    } catch (error) {
      if (error instanceof GraphQLError) return refuse(res, error);
      app.logger.error({ err: error, requestId: res.locals.requestId }, 'survey upload failed');
      res.status(500).json({ errors: [{ message: 'Внутренняя ошибка сервера', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
}
