import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Organization } from '../entities/organization.entity.js';
import { SocialPlatform } from '../entities/channel-enums.js';

/**
 * An official page (госпаблик) of a body in a social network or messenger.
 * The decree, clause 8: the ЦУР coordinates the bodies' official pages; the
 * registry says which body runs which page, and incidents are linked to it.
 */
@ObjectType({ description: 'Официальная страница (госпаблик) органа в социальной сети или мессенджере' })
@Entity({ tableName: 'official_page' })
@Unique({ properties: ['platform', 'handle'] })
export class OfficialPage {
  @Field(() => ID, { description: 'Идентификатор страницы (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Field(() => SocialPlatform, { description: 'Социальная сеть или мессенджер' })
  @Enum({ items: () => SocialPlatform, nativeEnumName: 'social_platform' })
  platform!: SocialPlatform;

  @Field(() => String, { description: 'Адрес страницы (нормализованный)' })
  @Property({ type: 'text', unique: true })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Короткое имя страницы на площадке, без @' })
  @Property({ type: 'text', nullable: true })
  handle?: string | null;

  @Field(() => String, { description: 'Название страницы, как на площадке' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Boolean, { description: 'Страница подтверждена площадкой (госпаблик с отметкой)' })
  @Property({ type: 'boolean', default: false })
  verified: boolean = false;

  @Field(() => DateTime, { description: 'Когда страница внесена в реестр' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTime, { description: 'Когда сведения о странице последний раз менялись' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
