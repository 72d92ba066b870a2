import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { DeliveryChannel, DeliveryStatus } from './notification-enums.js';
import { NotificationMessage } from './notification-message.entity.js';

/**
 * The delivery outbox: one row per message × channel × recipient (unique), so
 * that a recipient gets a message once per channel however many processes
 * queue or send it. Claimed with `for update skip locked`; SENDING with its
 * attempt number before the transport is called, SENT once it accepted (see
 * delivery.service.ts for the crash rule).
 */
@Entity({ tableName: 'notification_outbox' })
@Unique({ properties: ['message', 'channel', 'recipientKey'] })
@Index({ properties: ['recipientKey'] })
@Index({
  name: 'notification_outbox_due_idx',
  expression: `create index "notification_outbox_due_idx" on "notification_outbox" ("next_attempt_at", "id") where status = 'QUEUED'`,
})
@Index({
  name: 'notification_outbox_sending_idx',
  expression: `create index "notification_outbox_sending_idx" on "notification_outbox" ("claimed_at") where status = 'SENDING'`,
})
export class OutboxItem {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @ManyToOne(() => NotificationMessage, { ref: true, deleteRule: 'cascade' })
  message!: Ref<NotificationMessage>;

  @Enum({ items: () => DeliveryChannel, nativeEnumName: 'delivery_channel' })
  channel!: DeliveryChannel;

  /** The address as the transport takes it (e-mail, phone, official page id, `pos`). */
  @Property({ type: 'text' })
  recipient!: string;

  /** The normalised contact (`email:...`, `phone:+7...`): uniqueness and opt-out go by it. */
  @Property({ type: 'text' })
  recipientKey!: string;

  @Enum({ items: () => DeliveryStatus, nativeEnumName: 'delivery_status', default: DeliveryStatus.QUEUED })
  status: DeliveryStatus = DeliveryStatus.QUEUED;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  /** Sends of this row the transport may have accepted twice (a crash between its acceptance and our record). */
  @Property({ type: 'integer', default: 0 })
  possibleRepeats: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  claimedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
