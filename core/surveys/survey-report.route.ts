import type { Express, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SurveysServices } from './survey.service.js';
import { authenticateRequest } from '../auth/authenticate.js';
import type { AuthUser } from '../auth/auth-user.js';
import { errorCode } from '../errors/errors.js';
import { QuestionType } from './rules/survey-enums.js';
import { surveysAccess } from './survey-access.js';
import { findSurvey } from './survey.service.js';
import { surveyResults, surveyTexts } from './survey-results.service.js';
import { renderSurveyPdf, renderSurveyXlsx } from './survey-report.render.js';

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
const TEXTS_IN_FILE = 200;

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * GET /reports/surveys/{id}.xlsx and .pdf (`?weighted=1` for weighted
 * results): behind the Bearer token, the row of `Query.survey` and its
 * sector scope; free texts masked as the caller reads them in the API.
 */
export function registerSurveyReportRoutes(expressApp: Express, app: SurveysServices): void {
  expressApp.get('/reports/surveys/:file', async (req, res) => {
    const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(xlsx|pdf)$/i.exec(String(req.params.file));
    if (!match) return refuse(res, 404, 'NOT_FOUND', 'Итоги опроса: /reports/surveys/{id}.xlsx или .pdf');
    const [, id, format] = match as unknown as [string, string, keyof typeof CONTENT_TYPES];
    let user: AuthUser | null;
    try {
      user = await authenticateRequest(app, { authorization: req.headers.authorization });
    } catch {
      return refuse(res, 401, 'UNAUTHENTICATED', 'Недействительный токен');
    }
    if (!user) return refuse(res, 401, 'UNAUTHENTICATED', 'Требуется вход в систему');
    const access = surveysAccess['Query.survey'];
    if (access !== 'PUBLIC' && !access.includes(user.role)) return refuse(res, 403, 'FORBIDDEN', 'Недостаточно прав для этой операции');
    try {
      const em = app.orm.em.fork() as EntityManager;
      const survey = await findSurvey(em, user, id);
      const results = await surveyResults(em, survey, { weighted: req.query.weighted === '1' || req.query.weighted === 'true', now: app.clock.now() });
      const texts = new Map<string, string[]>();
      for (const q of survey.questions.filter((q) => q.type === QuestionType.TEXT)) {
        texts.set(q.code, await surveyTexts(em, user, survey.id, q.code, undefined, TEXTS_IN_FILE));
      }
      const report = { survey, results, texts };
      const body = format === 'xlsx' ? await renderSurveyXlsx(report) : await renderSurveyPdf(report, app.config.TIME_ZONE);
      res.setHeader('content-type', CONTENT_TYPES[format]);
      res.setHeader('content-disposition', `attachment; filename="survey-${survey.id}.${format}"`);
      res.setHeader('cache-control', 'private, no-store');
      res.send(body);
    } catch (error) {
      if (errorCode(error) === 'NOT_FOUND') return refuse(res, 404, 'NOT_FOUND', 'Опрос не найден');
      app.logger.error({ err: error, requestId: res.locals.requestId }, 'survey report failed');
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Внутренняя ошибка сервера');
    }
  });
}
