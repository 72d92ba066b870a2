import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { DateTime } from '../graphql/date-time.scalar.js';
import type { RequestContext } from '../graphql/context.js';
import { loadProductionCalendar } from './calendar.service.js';

@ObjectType({ description: 'Загруженный год производственного календаря' })
class ProductionCalendarInfo {
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Рабочих дней (пятидневная неделя)' }) workingDays!: number;
  @Field(() => [Int], { description: 'Все загруженные годы' }) loadedYears!: number[];
  @Field(() => DateTime) loadedAt!: Date;
}

@Resolver()
export class CalendarResolver {
  @Mutation(() => ProductionCalendarInfo, {
    description: 'Загрузить или заменить год производственного календаря (выходные, праздники, переносы); сроки считаются по нему сразу',
  })
  loadProductionCalendar(
    @Arg('year', () => Int) year: number,
    @Arg('data', () => JSONResolver) data: unknown,
    @Ctx() ctx: RequestContext,
  ): Promise<ProductionCalendarInfo> {
    return loadProductionCalendar(ctx.app, ctx.em, year, data);
  }
}
