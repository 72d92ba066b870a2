import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Sector, User } from '../entities/index.js';
import type { RequestContext } from '../auth/request-context.js';
import { analyticsContext, type AnalyticsServices } from './measures/analytics-context.js';
import { computeWorkload } from './workload.service.js';
import { WorkloadRow } from './workload.types.js';

@Resolver(() => WorkloadRow)
export class WorkloadResolver {
  @Query(() => [WorkloadRow], { description: 'Нагрузка по специалистам и отраслевым блокам, предложения по штату (распоряжение, п. 9)' })
  workload(
    @Arg('sector', () => String, { nullable: true, description: 'Код отраслевого блока; без него — все блоки' }) sector: string | null,
    @Arg('from', () => DateTime, { nullable: true, description: 'Начало периода для ответов; по умолчанию 30 дней назад' }) from: Date | null,
    @Arg('to', () => DateTime, { nullable: true, description: 'Конец периода; по умолчанию сейчас' }) to: Date | null,
    @Ctx() ctx: RequestContext<AnalyticsServices>,
  ) {
    return computeWorkload(analyticsContext(ctx), sector, from, to);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Специалист (для строки SPECIALIST)' })
  specialist(@Root() row: WorkloadRow, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return row.specialistId ? ctx.loaders.user.load(row.specialistId) : null;
  }

  @FieldResolver(() => Sector, { nullable: true, description: 'Отраслевой блок (для строки SECTOR)' })
  sector(@Root() row: WorkloadRow, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return row.sectorId ? ctx.loaders.sector.load(row.sectorId) : null;
  }
}
