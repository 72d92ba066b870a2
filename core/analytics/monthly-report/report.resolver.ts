import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { analyticsContext } from '../analytics-context.js';
import { buildMonthlyReport } from './report.service.js';
import { MonthlyReport } from './report.types.js';

@Resolver(() => MonthlyReport)
export class MonthlyReportResolver {
  @Query(() => MonthlyReport, {
    description: 'Ежемесячный отчёт Главе (распоряжение, п. 3); файлы: GET /reports/monthly/ГГГГ-ММ.html, .xlsx, .pdf',
  })
  monthlyReport(@Arg('month', () => String, { description: 'ГГГГ-ММ' }) month: string, @Ctx() ctx: RequestContext) {
    return buildMonthlyReport(analyticsContext(ctx), month);
  }
}
