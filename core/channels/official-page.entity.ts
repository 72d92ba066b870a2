import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Organization } from '../entities/organization.entity.js';
import { SocialPlatform } from './channel-enums.js';

/**
 * An official page (госпаблик) of a body in a social network or messenger.
 * The decree, clause 8: the ЦУР coordinates the bodies' official pages; the
 * registry says which body runs which page, and incidents are linked to it.
 */
@ObjectType({ description: 'Официальная страница (госпаблик) органа в социальной сети или мессенджере' })
@Entity({ tableName: 'official_page' })
@Unique({ properties: ['platform', 'handle'] })
export class OfficialPage {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Organization, { ref: true })
  organization!: Ref<Organization>;

  @Field(() => SocialPlatform)
  @Enum({ items: () => SocialPlatform, nativeEnumName: 'social_platform' })
  platform!: SocialPlatform;

  @Field(() => String, { description: 'Адрес страницы (нормализованный)' })
  @Property({ type: 'text', unique: true })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Короткое имя страницы на площадке, без @' })
  @Property({ type: 'text', nullable: true })
  handle?: string | null;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Boolean, { description: 'Страница подтверждена площадкой (госпаблик с отметкой)' })
  @Property({ type: 'boolean', default: false })
  verified: boolean = false;

  @Field(() => DateTime)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTime)
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
