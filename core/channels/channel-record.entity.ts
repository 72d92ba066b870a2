import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Channel } from '../entities/enums.js';
import { Appeal } from '../entities/appeal.entity.js';
import { User } from '../entities/user.entity.js';
import { ChannelRecordStatus } from '../entities/channel-enums.js';
import { ImportJob } from './import-job.entity.js';

export interface RecordFieldError {
  field: string;
  message: string;
}

/**
 * Every record a channel sent, as it was sent, with what became of it. A bad
 * record is kept here with its position and error for a retry, never
 * dropped. `recordKey` makes re-sending idempotent: the channel and the
 * source's id, or (with no usable id) a hash of the raw record.
 */
@ObjectType({ description: 'Запись, полученная из канала, и её судьба' })
@Entity({ tableName: 'channel_record' })
@Index({ properties: ['status', 'updatedAt'] })
@Index({ properties: ['job', 'position'] })
@Index({ properties: ['appeal'] })
export class ChannelRecord {
  @Field(() => ID, { description: 'Идентификатор записи канала (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Код адаптера канала, через который пришла запись (например, pos, email, vk)' })
  @Property({ type: 'text' })
  adapter!: string;

  @Field(() => Channel, { description: 'Канал поступления обращения' })
  @Enum({ items: () => Channel, nativeEnumName: 'channel' })
  channel!: Channel;

  @Property({ type: 'text', unique: true })
  recordKey!: string;

  @Field(() => String, { nullable: true, description: 'Идентификатор в системе-источнике' })
  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  @ManyToOne(() => ImportJob, { ref: true, nullable: true, deleteRule: 'set null' })
  job?: Ref<ImportJob> | null;

  @Field(() => Int, { nullable: true, description: 'Место в файле или пакете: номер строки, записи или элемента (с 1)' })
  @Property({ type: 'integer', nullable: true })
  position?: number | null;

  /** The record as the channel sent it (personal data: exposed to the ЦУР's staff only). */
  @Property({ type: 'json' })
  raw!: unknown;

  @Field(() => ChannelRecordStatus, { description: 'Что стало с записью' })
  @Enum({ items: () => ChannelRecordStatus, nativeEnumName: 'channel_record_status' })
  status!: ChannelRecordStatus;

  @Field(() => String, { nullable: true, description: 'Код ошибки последней попытки; null — ошибок не было' })
  @Property({ type: 'text', nullable: true })
  errorCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Поле записи, в котором ошибка' })
  @Property({ type: 'text', nullable: true })
  errorField?: string | null;

  @Field(() => String, { nullable: true, description: 'Ошибка последней попытки по-русски' })
  @Property({ type: 'text', nullable: true })
  errorMessage?: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'Все ошибки записи: [{ field, message }]' })
  @Property({ type: 'json', nullable: true })
  errors?: RecordFieldError[] | null;

  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  appeal?: Ref<Appeal> | null;

  @Field(() => Boolean, { description: 'Присоединена к уже существующему обращению (дубликат публикации)' })
  @Property({ type: 'boolean', default: false })
  merged: boolean = false;

  @Field(() => Int, { description: 'Сколько раз запись пытались принять' })
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Field(() => String, { nullable: true, description: 'Статус в системе-источнике' })
  @Property({ type: 'text', nullable: true })
  sourceStatus?: string | null;

  /** The account that sent it (a channel's service account, or a ЦУР specialist). */
  @ManyToOne(() => User, { ref: true, nullable: true })
  submittedBy?: Ref<User> | null;

  @Field(() => DateTime, { description: 'Когда запись получена' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTime, { description: 'Когда запись последний раз обрабатывалась' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
