import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Appeal } from '../entities/appeal.entity.js';
import { AppealEvent } from '../entities/appeal-event.entity.js';
import { Organization } from '../entities/organization.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { batchById } from '../reference/cache/loaders.js';
import { notFound } from '../errors/errors.js';
import { ALERT_TYPES } from '../deadline-watch/deadline-event-types.js';
import { AppealEventFilter } from './appeal-event-filter.input.js';
import { DeadlineAlert, toDeadlineAlert } from './deadline-alert.type.js';
import type { LiveDelivery } from './live-feed.js';
import { subscribeLive, type LiveServices } from './subscribe-live.js';

type LiveArgs = SubscribeResolverData<unknown, { filter?: AppealEventFilter | null }, RequestContext<LiveServices>>;

/** The live updates of API.md, over graphql-ws on the same path as HTTP. */
@Resolver()
export class LiveResolver {
  @Subscription(() => AppealEvent, {
    description: 'События по обращениям после фиксации транзакции, в пределах прав подписчика',
    subscribe: ({ args, context }: LiveArgs) => subscribeLive(context, { field: 'appealEvents', filter: args.filter, types: null }),
  })
  appealEvents(
    @Root() delivery: LiveDelivery,
    @Arg('filter', () => AppealEventFilter, {
      nullable: true,
      description: 'Отбор событий (отрасль, организация, муниципалитет, статус, вид); без него — все видимые роли',
    })
    _filter?: AppealEventFilter,
  ): AppealEvent {
    return delivery.event;
  }

  @Subscription(() => DeadlineAlert, {
    description: 'Сроки под угрозой и нарушенные: по одному сигналу на обращение, состояние и срок',
    subscribe: ({ args, context }: LiveArgs) => subscribeLive(context, { field: 'deadlineAlerts', filter: args.filter, types: ALERT_TYPES }),
  })
  deadlineAlerts(
    @Root() delivery: LiveDelivery,
    @Arg('filter', () => AppealEventFilter, { nullable: true, description: 'Отбор предупреждений (отрасль, организация, муниципалитет)' })
    _filter?: AppealEventFilter,
  ): DeadlineAlert {
    return toDeadlineAlert(delivery);
  }
}

@Resolver(() => DeadlineAlert)
export class DeadlineAlertResolver {
  @FieldResolver(() => Appeal, { description: 'Обращение, срок которого под угрозой или истёк' })
  async appeal(@Root() alert: DeadlineAlert, @Ctx() ctx: RequestContext): Promise<Appeal> {
    const appeal = await ctx.loaders.named<string, Appeal>('appeal', batchById(Appeal)).load(alert.appealId);
    if (!appeal) throw notFound('Обращение', alert.appealId);
    return appeal;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Ответственная организация' })
  organization(@Root() alert: DeadlineAlert, @Ctx() ctx: RequestContext) {
    return alert.organizationId ? ctx.loaders.organization.load(alert.organizationId) : null;
  }
}
