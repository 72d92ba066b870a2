import { readEntityManager } from '../db/read-routing.js';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Appeal } from '../entities/appeal.entity.js';
import { AppealEvent } from '../entities/appeal-event.entity.js';
import { Category, Municipality, Organization, Sector, User } from '../entities/index.js';
import type { RequestContext } from '../auth/request-context.js';
import { notFound } from '../errors/errors.js';
import { requireUser } from '../auth/require-user.js';
import { loadVisibleAppeal } from '../auth/appeal-visibility.js';
import { selectedFieldPathsAt } from '../graphql/selection.js';
import { authorFor, personalTextFor } from '../auth/personal-data.js';
import { AppealFilter, AppealOrder } from './appeal-filter.input.js';
import { AppealConnection, Citizen, Deadline, GeoPoint } from './appeal-types.js';
import { listAppeals } from './appeal-query.service.js';
import { appealDeadline } from './appeal-deadline.js';
import { BidirectionalPageArgs } from '../graphql/pagination.js';

@ArgsType()
class AppealsArgs extends BidirectionalPageArgs {
  @Field(() => AppealFilter, { nullable: true, description: 'Отбор (условия через И)' }) filter?: AppealFilter | null;
  @Field(() => AppealOrder, {
    nullable: true,
    description:
      'Порядок: по умолчанию — по времени поступления, новые первыми; при поиске — по релевантности. Курсор, полученный при одном порядке, с другим не принимается (BAD_USER_INPUT)',
  })
  orderBy?: AppealOrder | null;
}

const idOf = (ref: { id: string } | null | undefined) => ref?.id ?? null;

@Resolver(() => Appeal)
export class AppealResolver {
  @Query(() => AppealConnection, { description: 'Обращения: фильтр, порядок, постраничный вывод (Relay)' })
  async appeals(@Args(() => AppealsArgs) args: AppealsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const fields = selectedFieldPathsAt(info, ['edges', 'node']);
    // A page of appeals reads the replica when there is one (read-routing.ts).
    const listed = listAppeals(
      readEntityManager(ctx),
      requireUser(ctx),
      { ...args, fields, atRiskShare: ctx.app.config.deadlinePolicy.atRiskShare },
      ctx.clock.now(),
    );
    const [page] = await Promise.all([listed, ctx.loaders.prepareReference()]);
    return page;
  }

  @Query(() => Appeal, { nullable: true, description: 'Обращение по идентификатору; чужое для роли — NOT_FOUND' })
  async appeal(@Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string, @Ctx() ctx: RequestContext): Promise<Appeal> {
    requireUser(ctx);
    const appeal = await loadVisibleAppeal(ctx, id);
    if (!appeal) throw notFound('Обращение', id);
    return appeal;
  }

  @Query(() => Appeal, { nullable: true, description: 'Обращение по регистрационному номеру (например, 12-2026-0000001); чужое для роли — NOT_FOUND' })
  async appealByNumber(@Arg('number', () => String, { description: 'Регистрационный номер' }) number: string, @Ctx() ctx: RequestContext): Promise<Appeal> {
    requireUser(ctx);
    const trimmed = number.trim();
    const found = trimmed.length <= 64 ? await ctx.em.findOne(Appeal, { number: trimmed }, { fields: ['id'] }) : null;
    const appeal = found ? await loadVisibleAppeal(ctx, found.id) : null;
    if (!appeal) throw notFound('Обращение', trimmed.slice(0, 64));
    return appeal;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Ответственная организация' })
  organization(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = idOf(appeal.organization);
    return id ? ctx.loaders.organization.load(id) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Муниципальное образование, к которому относится обращение' })
  municipality(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = idOf(appeal.municipality);
    return id ? ctx.loaders.municipality.load(id) : null;
  }

  @FieldResolver(() => Sector, { nullable: true, description: 'Отраслевой блок (плагин)' })
  sector(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = idOf(appeal.sector);
    return id ? ctx.loaders.sector.load(id) : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'Рубрика' })
  category(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = idOf(appeal.category);
    return id ? ctx.loaders.category.load(id) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Исполнитель' })
  assignee(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = idOf(appeal.assignee);
    return id ? ctx.loaders.user.load(id) : null;
  }

  @FieldResolver(() => Appeal, { nullable: true, description: 'Предыдущее обращение, повтором которого является это (null, если оно вне доступа роли)' })
  repeatOf(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    const id = idOf(appeal.repeatOf);
    return id ? loadVisibleAppeal(ctx, id) : null;
  }

  @FieldResolver(() => Citizen, {
    nullable: true,
    description: 'Автор; персональные данные видны только ролям с доступом, каждое их чтение записывается в журнал',
  })
  author(@Root() appeal: Appeal, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Citizen | null> {
    return authorFor(appeal, ctx, info);
  }

  @FieldResolver(() => String, {
    description: 'Текст обращения; телефоны, e-mail, СНИЛС, паспорта и номера квартир в нём скрыты от ролей без доступа к персональным данным',
  })
  text(@Root() appeal: Appeal, @Ctx() ctx: RequestContext): string {
    return personalTextFor(ctx.user, appeal.text) ?? '';
  }

  @FieldResolver(() => String, { nullable: true, description: 'Формализованная суть обращения (персональные данные скрыты, как в тексте)' })
  summary(@Root() appeal: Appeal, @Ctx() ctx: RequestContext): string | null {
    return personalTextFor(ctx.user, appeal.summary);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Адрес места, о котором обращение (номер квартиры скрыт от ролей без доступа к персональным данным)',
  })
  address(@Root() appeal: Appeal, @Ctx() ctx: RequestContext): string | null {
    return personalTextFor(ctx.user, appeal.address);
  }

  @FieldResolver(() => GeoPoint, { nullable: true, description: 'Точка на карте, к которой относится обращение (WGS 84); null — не указана' })
  location(@Root() appeal: Appeal): GeoPoint | null {
    return appeal.latitude != null && appeal.longitude != null ? { latitude: appeal.latitude, longitude: appeal.longitude } : null;
  }

  @FieldResolver(() => Deadline, { description: 'Срок ответа в момент запроса: состояние, оставшееся время, правила, по которым он установлен' })
  deadline(@Root() appeal: Appeal, @Ctx() ctx: RequestContext): Deadline {
    return appealDeadline(appeal, ctx.clock.now(), ctx.app.config.deadlinePolicy.atRiskShare);
  }

  @FieldResolver(() => [AppealEvent], { description: 'Журнал: все события по обращению, по времени' })
  history(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .named<string, AppealEvent[]>('appealHistory', async (ids, em) => {
        const events = await em.find(AppealEvent, { appeal: { $in: [...ids] } }, { orderBy: { at: 'asc', seq: 'asc' } });
        return ids.map((id) => events.filter((event) => event.appeal.id === id));
      })
      .load(appeal.id);
  }
}
