import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import type { RequestContext } from '../auth/request-context.js';
import { loadProductionCalendar, type CalendarServices } from './calendar.service.js';

@ObjectType({ description: 'Загруженный год производственного календаря' })
class ProductionCalendarInfo {
  @Field(() => Int, { description: 'Год' }) year!: number;
  @Field(() => Int, { description: 'Рабочих дней (пятидневная неделя)' }) workingDays!: number;
  @Field(() => [Int], { description: 'Все загруженные годы' }) loadedYears!: number[];
  @Field(() => DateTime, { description: 'Когда загружен' }) loadedAt!: Date;
}

@Resolver()
export class CalendarResolver {
  @Mutation(() => ProductionCalendarInfo, {
    description: 'Загрузить или заменить год производственного календаря (выходные, праздники, переносы); сроки считаются по нему сразу',
  })
  loadProductionCalendar(
    @Arg('year', () => Int, { description: 'Год календаря' }) year: number,
    @Arg('data', () => JsonScalar, { description: 'Календарь года (JSON: выходные и праздничные дни, перенесённые рабочие дни)' }) data: unknown,
    @Ctx() ctx: RequestContext<CalendarServices>,
  ): Promise<ProductionCalendarInfo> {
    return loadProductionCalendar(ctx.app, ctx.em, year, data);
  }
}
