import type { Express, Response } from 'express';
import { authenticateRequest } from '../auth/authenticate.js';
import type { AuthUser } from '../auth/auth-user.js';
import { monthlyReportAccess } from './monthly-report.access.js';
import { errorCode } from '../errors/errors.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildMonthlyReport, type MonthlyReportServices } from './report.service.js';
import { renderReportHtml } from './render-html.js';
import { renderReportXlsx } from './render-xlsx.js';
import { renderReportPdf } from './render-pdf.js';
import { reportDocumentPolicy } from '../http/security-headers.js';
import { verifyReportLink } from './report-link.js';

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;
type Format = keyof typeof CONTENT_TYPES;

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * GET /reports/monthly/YYYY-MM.(html|xlsx|pdf): the monthly report as files,
 * behind the same Bearer token, the same access-matrix row as
 * `Query.monthlyReport` and the same scoping. Or, without a token, with
 * `?signature=` from `Mutation.reportDownloadLink`: a short-lived link signed
 * for that file and that user (report-link.ts), refused when expired, forged
 * or signed for another purpose.
 */
export function registerReportRoutes(expressApp: Express, app: MonthlyReportServices): void {
  // The HTML report is a document a browser shows: a policy of its own (core/http/security-headers.ts).
  expressApp.get('/reports/monthly/:file', reportDocumentPolicy(), async (req, res) => {
    const match = /^(\d{4}-\d{2})\.(html|xlsx|pdf)$/.exec(String(req.params.file));
    if (!match) return refuse(res, 404, 'NOT_FOUND', 'Отчёт: /reports/monthly/ГГГГ-ММ.html, .xlsx или .pdf');
    const [, month, format] = match as unknown as [string, string, Format];
    let user: AuthUser | null;
    const signature = typeof req.query.signature === 'string' ? req.query.signature : null;
    if (signature != null) {
      const verified = await verifyReportLink(app, signature, month, format);
      if ('code' in verified) return refuse(res, verified.status, verified.code, verified.message);
      user = verified;
    } else {
      try {
        user = await authenticateRequest(app, { authorization: req.headers.authorization });
      } catch {
        return refuse(res, 401, 'UNAUTHENTICATED', 'Недействительный токен');
      }
    }
    if (!user) return refuse(res, 401, 'UNAUTHENTICATED', 'Требуется вход в систему');
    const access = monthlyReportAccess['Query.monthlyReport'];
    if (access !== 'PUBLIC' && !access.includes(user.role)) return refuse(res, 403, 'FORBIDDEN', 'Недостаточно прав для этой операции');
    try {
      const em = app.orm.em.fork() as EntityManager;
      const report = await buildMonthlyReport({ em, app, user, now: app.clock.now() }, month);
      const zone = app.config.TIME_ZONE;
      // The document's author: «ЦУР» and the region's name in the genitive (region.json).
      const author = `ЦУР ${app.region.region.nameGenitive}`;
      const body =
        format === 'html'
          ? renderReportHtml(report, zone)
          : format === 'xlsx'
            ? await renderReportXlsx(report, author)
            : await renderReportPdf(report, zone, author);
      res.setHeader('content-type', CONTENT_TYPES[format]);
      res.setHeader('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="report-${month}.${format}"`);
      res.setHeader('cache-control', 'private, no-store');
      res.send(body);
    } catch (error) {
      if (errorCode(error) === 'BAD_USER_INPUT') return refuse(res, 400, 'BAD_USER_INPUT', (error as Error).message);
      app.logger.error({ err: error, requestId: res.locals.requestId }, 'monthly report failed');
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Внутренняя ошибка сервера');
    }
  });
}
