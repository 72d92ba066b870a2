import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Organization } from '../entities/organization.entity.js';
import { Municipality } from '../entities/municipality.entity.js';
import { Category } from '../entities/category.entity.js';
import { OfficialPage } from '../official-pages/official-page.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { AppealConnection } from '../appeals/appeal-types.js';
import { requireUser } from '../auth/require-user.js';
import { sql } from '../db/sql.js';
import { Seminar } from '../training/seminar.entity.js';
import { scopedAppealConnection } from '../official-pages/scoped-appeals.js';
import { computeRecommendations } from './recommendations.service.js';
import { findBestPractices } from './best-practices.service.js';
import { BestPractice, Recommendation } from './recommendation.types.js';
import type { AnalyticsServices } from '../analytics/measures/analytics-context.js';

@ArgsType()
class RecommendationsArgs {
  @Field(() => DateTime, { description: 'Начало периода (включительно)' }) from!: Date;
  @Field(() => DateTime, { description: 'Конец периода (не включительно)' }) to!: Date;
  @Field(() => ID, { nullable: true, description: 'Один орган (оператору органа — всегда свой)' }) organizationId?: string | null;
}

@ArgsType()
class BestPracticesArgs {
  @Field(() => DateTime, { description: 'Начало периода (включительно)' }) from!: Date;
  @Field(() => DateTime, { description: 'Конец периода (не включительно)' }) to!: Date;
  @Field(() => String, { nullable: true, description: 'Код отраслевого блока' }) sector?: string | null;
}

@ArgsType()
class FirstArgs {
  @Field(() => Int, { nullable: true, description: 'Сколько обращений вернуть' }) first?: number | null;
}

/** Recommendations to the bodies, explainable and evidence-based (the decree, clause 8). */
@Resolver(() => Recommendation)
export class RecommendationsResolver {
  @Query(() => [Recommendation], { description: 'Рекомендации органам за период: причина, цифры, обращения или страницы, что сделать' })
  recommendations(@Args(() => RecommendationsArgs) args: RecommendationsArgs, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return computeRecommendations(ctx.app, ctx.em, requireUser(ctx), args.from, args.to, args.organizationId ?? null, ctx.clock.now());
  }

  @Query(() => [BestPractice], { description: 'Лучшие практики за период: органы и муниципалитеты с выдающимися результатами по рубрикам' })
  bestPractices(@Args(() => BestPracticesArgs) args: BestPracticesArgs, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    requireUser(ctx);
    return findBestPractices(ctx.app, ctx.em, args.from, args.to, args.sector ?? null);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Орган' })
  organization(@Root() r: Recommendation, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return ctx.loaders.organization.load(r.organizationId);
  }

  @FieldResolver(() => AppealConnection, { description: 'Обращения, на которых видна рекомендация (в пределах видимости пользователя)' })
  appeals(@Root() r: Recommendation, @Args(() => FirstArgs) args: FirstArgs, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    const user = requireUser(ctx);
    return scopedAppealConnection(ctx.em, user, r.appealCondition ?? sql`a.id = any(${r.appealIds}::uuid[])`, { first: args.first });
  }

  @FieldResolver(() => [OfficialPage], { description: 'Официальные страницы, на которых видна рекомендация' })
  async pages(@Root() r: Recommendation, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    if (!r.pageIds.length) return [];
    return ctx.em.find(OfficialPage, { id: { $in: r.pageIds } }, { orderBy: { name: 'asc' } });
  }

  @FieldResolver(() => Seminar, { nullable: true, description: 'Последний семинар этой темы, где были сотрудники органа' })
  async seminar(@Root() r: Recommendation, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    if (!r.seminarId) return null;
    const loader = ctx.loaders.named<string, Seminar>('seminarById', async (ids, em) => {
      const rows = await em.find(Seminar, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((s) => [s.id, s]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return loader.load(r.seminarId);
  }
}

@Resolver(() => BestPractice)
export class BestPracticeResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'Орган' })
  organization(@Root() b: BestPractice, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return b.organizationId ? ctx.loaders.organization.load(b.organizationId) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Муниципалитет' })
  municipality(@Root() b: BestPractice, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return b.municipalityId ? ctx.loaders.municipality.load(b.municipalityId) : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'Рубрика' })
  category(@Root() b: BestPractice, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return b.categoryId ? ctx.loaders.category.load(b.categoryId) : null;
  }
}
