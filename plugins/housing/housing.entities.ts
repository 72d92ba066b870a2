/**
 * The housing sector's tables: management organizations and apartment
 * buildings (reference data), and the details of a housing appeal (1:1 with
 * the appeal, keyed by appeal_id). Each class is also its GraphQL type;
 * relations and personal data are exposed through housing.resolver.ts.
 */
import { Entity, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality } from '../../core/plugin-api/index.js';

@ObjectType('ManagementCompany', { description: 'Управляющая организация (УК, ТСЖ) многоквартирных домов' })
@Entity({ tableName: 'housing_management_company' })
export class ManagementCompany {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Наименование управляющей организации' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'ИНН юридического лица, 10 цифр' })
  @Property({ type: 'text', unique: true })
  inn!: string;

  @ManyToOne(() => Municipality, { ref: true })
  municipality!: Ref<Municipality>;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('ApartmentBuilding', { description: 'Многоквартирный дом' })
@Entity({ tableName: 'housing_apartment_building' })
export class ApartmentBuilding {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Адрес дома' })
  @Property({ type: 'text', unique: true })
  address!: string;

  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  @Field(() => Int, { nullable: true, description: 'Год постройки' })
  @Property({ type: 'integer', nullable: true })
  yearBuilt?: number | null;

  @Field(() => Int, { nullable: true, description: 'Этажность' })
  @Property({ type: 'integer', nullable: true })
  floors?: number | null;

  @ManyToOne(() => ManagementCompany, { ref: true, nullable: true, index: true, deleteRule: 'set null' })
  managementCompany?: Ref<ManagementCompany> | null;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('HousingDetails', { description: 'Сведения блока ЖКХ по обращению' })
@Entity({ tableName: 'housing_details' })
export class HousingDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  @Field(() => String, { nullable: true, description: 'Адрес дома' })
  @Property({ type: 'text', nullable: true })
  buildingAddress?: string | null;

  /** Personal data (with the building, the author's address): exposed by the resolver by role. */
  @Property({ type: 'text', nullable: true })
  apartment?: string | null;

  @Field(() => String, { nullable: true, description: 'ИНН управляющей организации' })
  @Property({ type: 'text', nullable: true })
  managementCompanyInn?: string | null;

  /** Personal data: exposed by the resolver by role. */
  @Property({ type: 'text', nullable: true })
  accountNumber?: string | null;
}
