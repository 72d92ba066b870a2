import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { analyticsContext } from '../analytics/measures/analytics-context.js';
import { buildMonthlyReport, type MonthlyReportServices } from './report.service.js';
import { MonthlyReport } from './report.types.js';
import { issueReportLink, ReportDownloadLink, ReportFormat } from './report-link.js';

@Resolver(() => MonthlyReport)
export class MonthlyReportResolver {
  @Query(() => MonthlyReport, {
    description: 'Ежемесячный отчёт Главе (распоряжение, п. 3); файлы: GET /reports/monthly/ГГГГ-ММ.html, .xlsx, .pdf',
  })
  monthlyReport(@Arg('month', () => String, { description: 'ГГГГ-ММ' }) month: string, @Ctx() ctx: RequestContext<MonthlyReportServices>) {
    return buildMonthlyReport(analyticsContext(ctx), month);
  }

  @Mutation(() => ReportDownloadLink, {
    description:
      'Подписанная краткосрочная ссылка на файл ежемесячного отчёта: открывается без заголовка Authorization (например, из письма или браузера); показывает то, что видно получившему её пользователю',
  })
  reportDownloadLink(
    @Arg('month', () => String, { description: 'Месяц отчёта, ГГГГ-ММ' }) month: string,
    @Arg('format', () => ReportFormat, { description: 'Формат файла' }) format: ReportFormat,
    @Ctx() ctx: RequestContext<MonthlyReportServices>,
  ): ReportDownloadLink {
    return issueReportLink(ctx.app, requireUser(ctx), month, format);
  }
}
