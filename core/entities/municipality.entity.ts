import { Entity, Enum, PrimaryKey, Property, ArrayType } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { MunicipalityKind } from './enums.js';

@ObjectType({ description: 'Муниципальное образование (городской округ или район)' })
@Entity({ tableName: 'municipality' })
export class Municipality {
  @Field(() => ID, { description: 'Идентификатор муниципального образования (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Стабильный код (латиницей)' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Официальное наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Краткое наименование для подписей' })
  @Property({ type: 'text' })
  shortName!: string;

  @Field(() => String, { description: 'Наименование по-английски (транслитерация)' })
  @Property({ type: 'text' })
  nameEn!: string;

  @Field(() => MunicipalityKind, { description: 'Городской округ или муниципальный район' })
  @Enum({ items: () => MunicipalityKind, nativeEnumName: 'municipality_kind' })
  kind!: MunicipalityKind;

  @Field(() => Int, { description: 'Численность населения' })
  @Property({ type: 'integer' })
  population!: number;

  @Field(() => String, { description: 'Административный центр' })
  @Property({ type: 'text' })
  center!: string;

  /** Word forms and settlements for finding the municipality in free text. */
  @Property({ type: ArrayType })
  nameForms: string[] = [];

  @Property({ type: ArrayType })
  settlements: string[] = [];
}
