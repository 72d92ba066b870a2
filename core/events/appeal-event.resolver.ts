import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { Appeal } from '../entities/appeal.entity.js';
import { AppealEvent } from '../entities/appeal-event.entity.js';
import { Channel } from '../entities/enums.js';
import type { RequestContext } from '../auth/request-context.js';
import { batchById } from '../reference/cache/loaders.js';
import { notFound } from '../errors/errors.js';
import { canSeePersonalData, maskPersonalText, personalTextFor } from '../auth/personal-data.js';
import { ActorKind, EventActor } from './event-actor.type.js';

const CHANNELS: ReadonlySet<string> = new Set(Object.values(Channel));
/** Keys of `data` that may carry the author's personal data (152-ФЗ): removed for roles without access. */
const PERSONAL_KEY = /^(author.*|citizen|name|fullName|email|phone|snils|passport|birthDate)$/i;

/** Drops the personal keys and masks personal data written inside the remaining texts (a reason, a comment). */
function withoutPersonalData(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !PERSONAL_KEY.test(key))
        .map(([key, inner]) => [key, withoutPersonalData(inner)]),
    );
  }
  return value;
}

/** An audit-trail entry's relations, for `Appeal.history` and the `appealEvents` subscription alike. */
@Resolver(() => AppealEvent)
export class AppealEventResolver {
  @FieldResolver(() => Appeal, { description: 'Обращение, к которому относится запись' })
  async appeal(@Root() event: AppealEvent, @Ctx() ctx: RequestContext): Promise<Appeal> {
    const appeal = await ctx.loaders.named<string, Appeal>('appeal', batchById(Appeal)).load(event.appeal.id);
    if (!appeal) throw notFound('Обращение', event.appeal.id);
    return appeal;
  }

  @FieldResolver(() => EventActor, { description: 'Кто совершил действие' })
  async actor(@Root() event: AppealEvent, @Ctx() ctx: RequestContext): Promise<EventActor> {
    if (event.actorUser) {
      const user = await ctx.loaders.user.load(event.actorUser.id);
      return { kind: ActorKind.USER, label: user?.fullName ?? 'пользователь', user };
    }
    const label = event.actorLabel ?? 'system';
    return { kind: CHANNELS.has(label) ? ActorKind.CHANNEL : ActorKind.SYSTEM, label, user: null };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Причина или комментарий; телефоны, e-mail и номера квартир в нём скрыты от ролей без доступа к персональным данным',
  })
  reason(@Root() event: AppealEvent, @Ctx() ctx: RequestContext): string | null {
    return personalTextFor(ctx.user, event.reason);
  }

  @FieldResolver(() => JsonScalar, { nullable: true, description: 'Подробности; персональные данные автора — только ролям с доступом' })
  data(@Root() event: AppealEvent, @Ctx() ctx: RequestContext): unknown {
    if (event.data == null) return null;
    return canSeePersonalData(ctx.user) ? event.data : withoutPersonalData(event.data);
  }
}
