import { Field, Float, ID, ObjectType } from 'type-graphql';
import { roundHours } from '../text/plural.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { DeadlineState } from '../entities/enums.js';
import type { DeadlineAlertData } from '../deadline-watch/deadline-event-types.js';
import type { LiveDelivery } from './live-feed.js';

@ObjectType({ description: 'Срок обращения под угрозой (осталось меньше 20% времени) или нарушен' })
export class DeadlineAlert {
  @Field(() => ID, { description: 'Запись журнала, которой отмечено событие' })
  id!: string;

  @Field(() => DeadlineState, { description: 'AT_RISK или OVERDUE' })
  state!: DeadlineState;

  @Field(() => DateTime, { description: 'Срок ответа обращения' })
  dueAt!: Date;

  @Field(() => Float, { description: 'Осталось часов в момент сигнала (отрицательное — просрочено)' })
  remainingHours!: number;

  @Field(() => DateTime, { description: 'Когда срок перешёл в это состояние' })
  at!: Date;

  appealId!: string;
  organizationId!: string | null;
}

export function toDeadlineAlert(delivery: LiveDelivery): DeadlineAlert {
  const data = delivery.event.data as unknown as DeadlineAlertData;
  return Object.assign(new DeadlineAlert(), {
    id: delivery.event.id,
    state: DeadlineState[data.state],
    dueAt: new Date(data.dueAt),
    remainingHours: roundHours(data.remainingHours),
    at: delivery.event.at,
    appealId: delivery.appeal.id,
    organizationId: delivery.facts.organizationId,
  });
}
