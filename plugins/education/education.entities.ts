/**
 * The education sector's tables: schools and kindergartens (reference data),
 * and the details of an education appeal (1:1 with the appeal, keyed by
 * appeal_id). Each class is also its GraphQL type.
 */
import { Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality, registerEnum } from '../../core/plugin-api/index.js';

export enum EducationInstitutionKind {
  SCHOOL = 'SCHOOL',
  KINDERGARTEN = 'KINDERGARTEN',
}
registerEnum(EducationInstitutionKind, 'EducationInstitutionKind', 'Вид образовательной организации', {
  SCHOOL: 'Общеобразовательная школа',
  KINDERGARTEN: 'Детский сад (дошкольная организация)',
});

@ObjectType('EducationInstitution', { description: 'Образовательная организация: школа или детский сад' })
@Entity({ tableName: 'education_institution' })
export class EducationInstitution {
  @Field(() => ID, { description: 'Идентификатор организации (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => EducationInstitutionKind, { description: 'Школа или детский сад' })
  @Enum({ items: () => EducationInstitutionKind, nativeEnumName: 'education_institution_kind' })
  kind!: EducationInstitutionKind;

  @Field(() => String, { description: 'Адрес' })
  @Property({ type: 'text' })
  address!: string;

  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  @Field(() => Boolean, { description: 'Демонстрационная (не сверенная с реестром) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('EducationDetails', { description: 'Сведения блока образования по обращению' })
@Entity({ tableName: 'education_details' })
export class EducationDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** Kept as given; resolved to `institution`. */
  @Property({ type: 'uuid', nullable: true })
  institutionId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Возраст ребёнка, лет' })
  @Property({ type: 'smallint', nullable: true })
  childAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'Класс (1-11)' })
  @Property({ type: 'smallint', nullable: true })
  grade?: number | null;
}
