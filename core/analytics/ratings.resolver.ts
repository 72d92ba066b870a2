import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Municipality, Organization } from '../entities/index.js';
import type { RequestContext } from '../auth/request-context.js';
import { analyticsContext, type AnalyticsServices } from './measures/analytics-context.js';
import { computeRatings } from './ratings.service.js';
import { RatingRow, RatingSubject } from './ratings.types.js';

@Resolver(() => RatingRow)
export class RatingsResolver {
  @Query(() => [RatingRow], { description: 'Рейтинг органов власти или муниципалитетов (распоряжение, п. 9): оценка 0..100 и её составляющие' })
  ratings(
    @Arg('subject', () => RatingSubject, { description: 'Кого оценивать' }) subject: RatingSubject,
    @Arg('from', () => DateTime, { description: 'Начало периода (включительно)' }) from: Date,
    @Arg('to', () => DateTime, { description: 'Конец периода (не включительно)' }) to: Date,
    @Arg('sector', () => String, { nullable: true, description: 'Код отраслевого блока; без него — по всем' }) sector: string | null,
    @Ctx() ctx: RequestContext<AnalyticsServices>,
  ) {
    return computeRatings(analyticsContext(ctx), subject, from, to, sector);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Оцениваемый орган (рейтинг ORGANIZATION)' })
  organization(@Root() row: RatingRow, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return row.organizationId ? ctx.loaders.organization.load(row.organizationId) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Оцениваемый муниципалитет (рейтинг MUNICIPALITY)' })
  municipality(@Root() row: RatingRow, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return row.municipalityId ? ctx.loaders.municipality.load(row.municipalityId) : null;
  }
}
