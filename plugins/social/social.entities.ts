/**
 * The social protection sector's tables: support measures and social
 * service centres (reference data), and the details of a social appeal (1:1
 * with the appeal, keyed by appeal_id). Each class is also its GraphQL type.
 */
import { Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality, registerEnum } from '../../core/plugin-api/index.js';

/** Who grants a measure: the Social Fund branch, the republic's ministry, or the municipality. */
export enum SocialMeasureProvider {
  OSFR = 'OSFR',
  MIN_SOCIAL = 'MIN_SOCIAL',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnum(SocialMeasureProvider, 'SocialMeasureProvider', 'Кто предоставляет меру социальной поддержки', {
  OSFR: 'Отделение Социального фонда России по региону',
  MIN_SOCIAL: 'Министерство социальной защиты региона',
  MUNICIPALITY: 'Муниципальное образование',
});

@ObjectType('SocialMeasure', { description: 'Мера социальной поддержки' })
@Entity({ tableName: 'social_measure' })
export class SocialMeasure {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Постоянный код меры; значение measureCode в сведениях обращения' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Правовое основание' })
  @Property({ type: 'text' })
  legalBasis!: string;

  @Field(() => String, { description: 'Кто имеет право' })
  @Property({ type: 'text' })
  eligible!: string;

  @Field(() => SocialMeasureProvider, { description: 'Кто предоставляет меру' })
  @Enum({ items: () => SocialMeasureProvider, nativeEnumName: 'social_measure_provider' })
  provider!: SocialMeasureProvider;

  @Field(() => Boolean, { description: 'Демонстрационная запись (акт республики не указан точно)' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('SocialServiceCentre', { description: 'Комплексный центр социального обслуживания населения (КЦСОН)' })
@Entity({ tableName: 'social_service_centre' })
export class SocialServiceCentre {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Постоянный код центра' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Адрес' })
  @Property({ type: 'text' })
  address!: string;

  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  /** Codes of other municipalities the centre also serves; resolved to `alsoServes`. */
  @Property({ type: 'text[]', default: '{}' })
  alsoServesCodes: string[] = [];

  @Field(() => Boolean, { description: 'Демонстрационная (не сверенная с реестром) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('SocialDetails', { description: 'Сведения блока социальной защиты по обращению' })
@Entity({ tableName: 'social_details' })
export class SocialDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** Resolved to `measure`. */
  @Property({ type: 'text', nullable: true })
  measureCode?: string | null;

  /** Personal data: exposed by the resolver by role. */
  @Property({ type: 'text', nullable: true })
  snils?: string | null;

  @Field(() => Int, { nullable: true, description: 'Число детей в семье' })
  @Property({ type: 'smallint', nullable: true })
  childrenCount?: number | null;
}
