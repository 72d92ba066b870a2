import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Municipality, Organization } from '../entities/index.js';
import type { RequestContext } from '../graphql/context.js';
import { analyticsContext } from './analytics-context.js';
import { computeRatings } from './ratings.service.js';
import { RatingRow, RatingSubject } from './ratings.types.js';

@Resolver(() => RatingRow)
export class RatingsResolver {
  @Query(() => [RatingRow], { description: 'Рейтинг органов власти или муниципалитетов (распоряжение, п. 9): оценка 0..100 и её составляющие' })
  ratings(
    @Arg('subject', () => RatingSubject) subject: RatingSubject,
    @Arg('from', () => DateTime) from: Date,
    @Arg('to', () => DateTime) to: Date,
    @Arg('sector', () => String, { nullable: true }) sector: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return computeRatings(analyticsContext(ctx), subject, from, to, sector);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() row: RatingRow, @Ctx() ctx: RequestContext) {
    return row.organizationId ? ctx.loaders.organization.load(row.organizationId) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true })
  municipality(@Root() row: RatingRow, @Ctx() ctx: RequestContext) {
    return row.municipalityId ? ctx.loaders.municipality.load(row.municipalityId) : null;
  }
}
