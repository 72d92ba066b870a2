/**
 * The health sector's tables: medical organizations (reference data), and
 * the details of a health appeal (1:1 with the appeal, keyed by appeal_id).
 * Each class is also its GraphQL type.
 */
import { Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality, Organization, registerEnum } from '../../core/plugin-api/index.js';

export enum MedicalOrganizationKind {
  HOSPITAL = 'HOSPITAL',
  POLYCLINIC = 'POLYCLINIC',
  FAP = 'FAP',
  AMBULANCE = 'AMBULANCE',
}
registerEnum(MedicalOrganizationKind, 'MedicalOrganizationKind', 'Вид медицинской организации', {
  HOSPITAL: 'Больница (стационар)',
  POLYCLINIC: 'Поликлиника',
  FAP: 'Фельдшерско-акушерский пункт (ФАП)',
  AMBULANCE: 'Станция скорой медицинской помощи',
});

@ObjectType('MedicalOrganization', { description: 'Медицинская организация или её подразделение' })
@Entity({ tableName: 'health_medical_organization' })
export class MedicalOrganization {
  @Field(() => ID, { description: 'Идентификатор организации (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Постоянный код записи' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => MedicalOrganizationKind, { description: 'Вид медицинской организации' })
  @Enum({ items: () => MedicalOrganizationKind, nativeEnumName: 'medical_organization_kind' })
  kind!: MedicalOrganizationKind;

  @Field(() => String, { description: 'Адрес' })
  @Property({ type: 'text' })
  address!: string;

  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  /** The body appeals about it are routed to, when it is one. */
  @ManyToOne(() => Organization, { ref: true, nullable: true, deleteRule: 'set null' })
  organization?: Ref<Organization> | null;

  @Field(() => Boolean, { description: 'Демонстрационная (не сверенная с реестром) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('HealthDetails', { description: 'Сведения блока здравоохранения по обращению' })
@Entity({ tableName: 'health_details' })
export class HealthDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** Kept as given; resolved to `medicalOrganization`. */
  @Property({ type: 'uuid', nullable: true })
  medicalOrganizationId?: string | null;

  /** Personal data: exposed by the resolver by role. */
  @Property({ type: 'text', nullable: true })
  policyNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Специальность врача' })
  @Property({ type: 'text', nullable: true })
  specialty?: string | null;
}
