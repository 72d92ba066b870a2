import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { pgQuery } from '../db/pg-query.js';
import { DeliveryChannel } from './notification-enums.js';

@ObjectType({ description: 'Доставка по одному каналу' })
export class ChannelDeliveryStats {
  @Field(() => DeliveryChannel, { description: 'Канал' }) channel!: DeliveryChannel;
  @Field(() => Int, { description: 'В очереди (включая отправляемые сейчас)' }) queued!: number;
  @Field(() => Int, { description: 'Отправлено (принято сервером или шлюзом)' }) sent!: number;
  @Field(() => Int, { description: 'Не доставлено после всех попыток' }) failed!: number;
  @Field(() => Int, { description: 'Возможные повторы: отправка прервана сбоем после приёма сервером' }) possibleRepeats!: number;
}

@ObjectType({ description: 'Доставка уведомлений: в очереди, отправлено, не доставлено' })
export class DeliveryStats {
  @Field(() => Int, { description: 'В очереди (включая отправляемые сейчас)' }) queued!: number;
  @Field(() => Int, { description: 'Отправлено' }) sent!: number;
  @Field(() => Int, { description: 'Не доставлено после всех попыток' }) failed!: number;
  @Field(() => Int, { description: 'Возможные повторы (сбой между приёмом сервером и записью об отправке)' }) possibleRepeats!: number;
  @Field(() => [ChannelDeliveryStats], { description: 'По каналам' }) channels!: ChannelDeliveryStats[];
}

/** Delivery figures of the messages of one source (an announcement), by channel. */
export async function deliveryStats(em: EntityManager, source: string, sourceIds: readonly string[]): Promise<Map<string, DeliveryStats>> {
  const rows = await pgQuery<{ source_id: string; channel: DeliveryChannel; queued: number; sent: number; failed: number; repeats: number }>(
    em,
    `select m.source_id, o.channel,
       count(*) filter (where o.status in ('QUEUED', 'SENDING'))::int as queued,
       count(*) filter (where o.status = 'SENT')::int as sent,
       count(*) filter (where o.status = 'FAILED')::int as failed,
       coalesce(sum(o.possible_repeats), 0)::int as repeats
     from notification_message m join notification_outbox o on o.message_id = m.id
     where m.source = $1 and m.source_id = any($2::uuid[])
     group by m.source_id, o.channel order by o.channel`,
    [source, sourceIds],
    { prepared: true },
  );
  const out = new Map<string, DeliveryStats>(sourceIds.map((id) => [id, { queued: 0, sent: 0, failed: 0, possibleRepeats: 0, channels: [] }]));
  for (const row of rows) {
    const stats = out.get(row.source_id)!;
    stats.queued += row.queued;
    stats.sent += row.sent;
    stats.failed += row.failed;
    stats.possibleRepeats += row.repeats;
    stats.channels.push({ channel: row.channel, queued: row.queued, sent: row.sent, failed: row.failed, possibleRepeats: row.repeats });
  }
  return out;
}
