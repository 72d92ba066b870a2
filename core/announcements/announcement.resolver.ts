import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { Organization } from '../entities/organization.entity.js';
import { AppealConnection } from '../appeals/appeal-types.js';
import { badInput } from '../errors/errors.js';
import { DeliveryStats, deliveryStats } from '../notifications/delivery-stats.js';
import { Announcement } from './announcement.entity.js';
import { AnnouncementFilter, AnnouncementInput } from './announcement.input.js';
import { AnnouncementAudience, AnnouncementConnection } from './announcement.types.js';
import { createAnnouncement, moveAnnouncement } from './announcement.service.js';
import { listAnnouncements, matchedAppeals, publicAnnouncementRows } from './announcement-query.service.js';
import { ANNOUNCEMENT_SOURCE } from './announcement-delivery.js';
import { BidirectionalPageArgs, ForwardPageArgs } from '../graphql/pagination.js';
import { Appeal } from '../entities/appeal.entity.js';
import { closeAppealByAnnouncement } from './close-by-announcement.service.js';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ArgsType()
class AnnouncementsArgs extends BidirectionalPageArgs {
  @Field(() => AnnouncementFilter, { nullable: true, description: 'Отбор' }) filter?: AnnouncementFilter | null;
}

@ArgsType()
class MatchedAppealsArgs extends ForwardPageArgs {}

@Resolver(() => Announcement)
export class AnnouncementResolver {
  @Query(() => AnnouncementConnection, { description: 'Объявления ЦУР: отбор, постраничный вывод (Relay), новые первыми' })
  announcements(@Args(() => AnnouncementsArgs) args: AnnouncementsArgs, @Ctx() ctx: RequestContext<LifecycleServices>) {
    requireUser(ctx);
    return listAnnouncements(ctx.em, args);
  }

  @Query(() => Announcement, { nullable: true, description: 'Объявление по идентификатору' })
  async announcement(@Arg('id', () => ID, { description: 'Идентификатор' }) id: string, @Ctx() ctx: RequestContext<LifecycleServices>) {
    requireUser(ctx);
    if (!UUID.test(id)) return null;
    return ctx.em.findOne(Announcement, id);
  }

  @Query(() => [Announcement], {
    description: 'Действующие опубликованные объявления для сайтов и виджетов: без входа, без персональных данных (также GET /public/announcements.json)',
  })
  publicAnnouncements(
    @Ctx() ctx: RequestContext<LifecycleServices>,
    @Arg('municipalityId', () => ID, { nullable: true, description: 'Муниципалитет (без него — все)' }) municipalityId?: string | null,
    @Arg('at', () => DateTime, { nullable: true, description: 'Момент (по умолчанию сейчас)' }) at?: Date | null,
  ) {
    if (municipalityId && !UUID.test(municipalityId)) throw badInput('municipalityId', 'Некорректный идентификатор муниципалитета');
    return publicAnnouncementRows(ctx.em, municipalityId ?? null, at ?? ctx.clock.now());
  }

  @Mutation(() => Announcement, { description: 'Создать объявление (черновик)' })
  createAnnouncement(
    @Arg('input', () => AnnouncementInput, { description: 'Объявление' }) input: AnnouncementInput,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return createAnnouncement(ctx.app, ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Announcement, { description: 'Согласовать черновик (ЦУР)' })
  approveAnnouncement(
    @Arg('id', () => ID, { description: 'Объявление' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'Версия, которую видел клиент' }) expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return moveAnnouncement(ctx.app, ctx.em, requireUser(ctx), { id, move: 'approve', expectedVersion });
  }

  @Mutation(() => Announcement, { description: 'Опубликовать согласованное объявление: оно отвечает на новые обращения и ставится в рассылку (ЦУР)' })
  publishAnnouncement(
    @Arg('id', () => ID, { description: 'Объявление' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'Версия, которую видел клиент' }) expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return moveAnnouncement(ctx.app, ctx.em, requireUser(ctx), { id, move: 'publish', expectedVersion });
  }

  @Mutation(() => Announcement, { description: 'Отозвать объявление с указанием причины (ЦУР); неотправленная рассылка отменяется' })
  withdrawAnnouncement(
    @Arg('id', () => ID, { description: 'Объявление' }) id: string,
    @Arg('reason', () => String, { description: 'Причина отзыва' }) reason: string,
    @Arg('expectedVersion', () => Int, { description: 'Версия, которую видел клиент' }) expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return moveAnnouncement(ctx.app, ctx.em, requireUser(ctx), { id, move: 'withdraw', expectedVersion, reason });
  }

  @Mutation(() => Appeal, {
    description:
      'Закрыть обращение как отвеченное объявлением, которое ответило на него при поступлении (ЦУР): ответ — текст объявления, ' +
      'срок выполнен в момент закрытия, автор может оценить ответ; повтор того же запроса возвращает обращение без изменений',
  })
  closeAppealByAnnouncement(
    @Arg('appealId', () => ID, { description: 'Обращение (UUID)' }) appealId: string,
    @Arg('announcementId', () => ID, { description: 'Опубликованное объявление, ответившее на обращение при поступлении' }) announcementId: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return closeAppealByAnnouncement(ctx.app, ctx.em, requireUser(ctx), { appealId, announcementId, expectedVersion });
  }

  @FieldResolver(() => AnnouncementAudience, { description: 'Аудитория' })
  audience(@Root() announcement: Announcement): AnnouncementAudience {
    const a = announcement.audience;
    return {
      municipalityIds: a.municipalityIds,
      settlements: a.settlements,
      streets: a.streets,
      sectors: a.sectors,
      categories: a.categories,
      problemId: a.problemId,
    };
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Орган, от имени которого объявление' })
  organization(@Root() announcement: Announcement, @Ctx() ctx: RequestContext<LifecycleServices>) {
    const id = announcement.organization?.id;
    return id ? ctx.loaders.organization.load(id) : null;
  }

  @FieldResolver(() => DeliveryStats, { description: 'Рассылка: в очереди, отправлено, не доставлено, по каналам' })
  async deliveries(@Root() announcement: Announcement, @Ctx() ctx: RequestContext<LifecycleServices>) {
    requireUser(ctx);
    return ctx.loaders
      .named<string, DeliveryStats>('announcementDeliveries', async (ids, em) => {
        const stats = await deliveryStats(em, ANNOUNCEMENT_SOURCE, ids);
        return ids.map((id) => stats.get(id)!);
      })
      .load(announcement.id);
  }

  @FieldResolver(() => AppealConnection, { description: 'Новые обращения, на которые объявление ответило при поступлении (в пределах видимости роли)' })
  matchedAppeals(@Root() announcement: Announcement, @Args(() => MatchedAppealsArgs) args: MatchedAppealsArgs, @Ctx() ctx: RequestContext<LifecycleServices>) {
    return matchedAppeals(ctx.em, requireUser(ctx), announcement.id, args);
  }
}
