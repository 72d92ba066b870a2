import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';
import { Channel } from './enums.js';

/**
 * A channel's key (ПОС, a regional or municipal system, Open311 clients).
 * Only a SHA-256 of the key is stored; the key itself is shown once, when it
 * is created. Each key acts as its own service user (role INTEGRATION), so
 * the audit trail names the channel that did what.
 */
@ObjectType({ description: 'Ключ API сервисной учётной записи канала' })
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @Field(() => ID, { description: 'Идентификатор ключа (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Название канала или системы' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Начало ключа (cur_<prefix>_…), по нему ключ опознаётся в журналах' })
  @Property({ type: 'text', unique: true })
  prefix!: string;

  /** SHA-256 of the whole key, hex. */
  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  /** The service user the key acts as. */
  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization?: Ref<Organization> | null;

  /** The channel the key belongs to: feeds of a channel (the ПОС outbox) answer only its keys. */
  @Field(() => Channel, { nullable: true, description: 'Канал, которому принадлежит ключ: ленты канала (исходящие статусы ПОС) отвечают только его ключам' })
  @Property({ type: 'text', nullable: true })
  channel?: Channel | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTime, { description: 'Когда ключ выпущен' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Последнее использование (с точностью до минуты)' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Когда ключ отозван; null — действует' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  revokedBy?: Ref<User> | null;
}
