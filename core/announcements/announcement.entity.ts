import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Organization } from '../entities/organization.entity.js';
import { User } from '../entities/user.entity.js';
import { AnnouncementKind, AnnouncementStatus } from './announcement-enums.js';

/** Who an announcement is for, as stored (normalised: ids, codes, street keys). */
export interface StoredAudience {
  municipalityIds: string[];
  settlements: string[];
  /** Streets or addresses as written, and their match keys (street-key.ts), in the same order. */
  streets: string[];
  streetKeys: string[];
  sectors: string[];
  categories: string[];
  problemId: string | null;
}

/**
 * Targeted content of the ЦУР (decree No. 335, clause 7 "informing"; clause 8
 * "разработка специализированного контента с последующим адресным
 * таргетированием"): an outage, works or an emergency told to the residents
 * affected, and given as the first answer to every new appeal about it.
 */
@ObjectType({ description: 'Объявление для жителей: отключение, работы, авария, информация' })
@Entity({ tableName: 'announcement' })
@Index({ properties: ['status', 'validFrom'] })
@Index({ properties: ['createdAt', 'id'] })
export class Announcement {
  @Field(() => ID, { description: 'Идентификатор объявления (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int, { description: 'Версия для оптимистической блокировки (expectedVersion)' })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Field(() => AnnouncementKind, { description: 'Вид объявления' })
  @Enum({ items: () => AnnouncementKind, nativeEnumName: 'announcement_kind' })
  kind!: AnnouncementKind;

  @Field(() => AnnouncementStatus, { description: 'Статус объявления' })
  @Enum({ items: () => AnnouncementStatus, nativeEnumName: 'announcement_status', default: AnnouncementStatus.DRAFT })
  status: AnnouncementStatus = AnnouncementStatus.DRAFT;

  @Field(() => String, { description: 'Заголовок' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { description: 'Текст объявления' })
  @Property({ type: 'text' })
  body!: string;

  /** Audience, normalised; exposed through the `audience` field resolver. */
  @Property({ type: 'json' })
  audience!: StoredAudience;

  @Field(() => DateTime, { description: 'Действует с' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Действует до (пусто — до отзыва)' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validTo?: Date | null;

  /** The body that speaks; exposed through the `organization` field resolver. */
  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization?: Ref<Organization> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTime, { nullable: true, description: 'Когда опубликовано' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Причина отзыва' })
  @Property({ type: 'text', nullable: true })
  withdrawReason?: string | null;

  @Field(() => DateTime, { description: 'Создано' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTime, { description: 'Изменено' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
