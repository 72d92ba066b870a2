import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OfficialPage } from './official-page.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { AppealConnection } from '../appeals/appeal-types.js';
import { RegisterAppealPayload } from '../lifecycle/lifecycle-types.js';
import { requireUser } from '../auth/require-user.js';
import { recordPageComment } from './official-page-comments.service.js';
import { recordPagePost } from './official-page-posts.service.js';
import { checkPeriod, findSilentPages, loadPageMetrics, rankOfficialPages, type PageMetricsRow } from './official-page-metrics.service.js';
import { scopedAppealConnection } from './scoped-appeals.js';
import { sql } from '../db/sql.js';
import { ForwardPageArgs } from '../graphql/pagination.js';
import {
  OfficialPageCommentInput,
  OfficialPageMetrics,
  OfficialPagePostInput,
  OfficialPagePostRecord,
  OfficialPageRatingRow,
  SilentOfficialPage,
} from './official-page.types.js';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';

@ArgsType()
class CommentsArgs extends ForwardPageArgs {}

@ArgsType()
class PeriodArgs {
  @Field(() => DateTime, { description: 'Начало периода (включительно)' }) from!: Date;
  @Field(() => DateTime, { description: 'Конец периода (не включительно)' }) to!: Date;
}

/** Pages of one request, by id, batched: OfficialPage rows for rating and silence lists. */
function pageLoader(ctx: RequestContext<LifecycleServices>) {
  return ctx.loaders.named<string, OfficialPage>('officialPage', async (ids, em) => {
    const rows = await em.find(OfficialPage, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * The decree's clause 8 on the bodies' official pages (госпаблики): residents'
 * comments taken in as appeals, the pages' metrics and rating, and the
 * silent pages the ЦУР must follow up. The registry itself is
 * core/channels/official-page.resolver.ts.
 */
@Resolver(() => OfficialPage)
export class OfficialPagesResolver {
  @FieldResolver(() => AppealConnection, { description: 'Комментарии жителей, принятые как обращения (в пределах видимости пользователя), новые первыми' })
  comments(@Root() page: OfficialPage, @Args(() => CommentsArgs) args: CommentsArgs, @Ctx() ctx: RequestContext<LifecycleServices>) {
    return scopedAppealConnection(ctx.em, requireUser(ctx), sql`a.id in (select appeal_id from official_page_comment where page_id = ${page.id})`, args);
  }

  @FieldResolver(() => OfficialPageMetrics, { description: 'Показатели страницы за период: ответы, сроки, публикации, активность' })
  async metrics(@Root() page: OfficialPage, @Args(() => PeriodArgs) args: PeriodArgs, @Ctx() ctx: RequestContext<LifecycleServices>): Promise<PageMetricsRow> {
    checkPeriod(args.from, args.to);
    // One statement for every page of the list asking the same period.
    const loader = ctx.loaders.named<string, PageMetricsRow>(`officialPageMetrics:${args.from.toISOString()}:${args.to.toISOString()}`, async (ids, em) => {
      const rows = await loadPageMetrics(em, ids, args.from, args.to, ctx.clock.now());
      const byId = new Map(rows.map((r) => [r.pageId, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return (await loader.load(page.id))!;
  }

  @Query(() => [OfficialPageRatingRow], { description: 'Рейтинг официальных страниц и их органов за период: части оценки с цифрами, сглаживание малых чисел' })
  async officialPageRatings(@Args(() => PeriodArgs) args: PeriodArgs, @Ctx() ctx: RequestContext<LifecycleServices>) {
    requireUser(ctx);
    const rows = await rankOfficialPages(ctx.app, ctx.em, args.from, args.to, ctx.clock.now());
    const pages = pageLoader(ctx);
    return Promise.all(
      rows.map(async (row) => ({
        ...row,
        page: await pages.load(row.pageId),
        organization: await ctx.loaders.organization.load(row.organizationId),
      })),
    );
  }

  @Query(() => [SilentOfficialPage], { description: 'Официальные страницы без активности органа дольше OFFICIAL_PAGE_SILENT_DAYS дней: задачи координации' })
  async silentOfficialPages(@Ctx() ctx: RequestContext<LifecycleServices>) {
    requireUser(ctx);
    const rows = await findSilentPages(ctx.app, ctx.em, ctx.clock.now());
    const pages = pageLoader(ctx);
    return Promise.all(
      rows.map(async (row) => {
        const page = (await pages.load(row.pageId))!;
        const organization = (await ctx.loaders.organization.load(row.organizationId))!;
        return {
          page,
          organization,
          lastActivityAt: row.lastActivityAt,
          silentDays: row.silentDays,
          task:
            `Страница «${page.name}» (${organization.shortName}) без публикаций и ответов ${row.silentDays} дн.: ` +
            'согласовать с органом план публикаций и ответы на комментарии, при необходимости — обучение администратора страницы',
        };
      }),
    );
  }

  @Mutation(() => RegisterAppealPayload, {
    description: 'Принять комментарий жителя на официальной странице как обращение; один раз на (страница, комментарий)',
  })
  recordOfficialPageComment(
    @Arg('input', () => OfficialPageCommentInput, { description: 'Комментарий жителя' }) input: OfficialPageCommentInput,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return recordPageComment(ctx.app, ctx.em, { user: requireUser(ctx) }, input);
  }

  @Mutation(() => OfficialPagePostRecord, { description: 'Учесть публикацию органа на официальной странице; один раз на (страница, публикация)' })
  async recordOfficialPagePost(
    @Arg('input', () => OfficialPagePostInput, { description: 'Публикация органа' }) input: OfficialPagePostInput,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    requireUser(ctx);
    return recordPagePost(ctx.em, ctx.clock.now(), input);
  }
}
