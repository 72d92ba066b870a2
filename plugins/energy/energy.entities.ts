/**
 * The energy sector's tables: grid, supply and gas companies (reference
 * data), and the details of an energy appeal (1:1 with the appeal, keyed by
 * appeal_id). Each class is also its GraphQL type.
 */
import { Entity, Enum, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, registerEnum } from '../../core/plugin-api/index.js';

export enum EnergyCompanyKind {
  GRID = 'GRID',
  ELECTRICITY_SUPPLIER = 'ELECTRICITY_SUPPLIER',
  GAS_DISTRIBUTION = 'GAS_DISTRIBUTION',
  GAS_SUPPLIER = 'GAS_SUPPLIER',
  HEAT_SUPPLIER = 'HEAT_SUPPLIER',
}
registerEnum(EnergyCompanyKind, 'EnergyCompanyKind', 'Вид энергетической организации', {
  GRID: 'Сетевая организация (электрические сети)',
  ELECTRICITY_SUPPLIER: 'Гарантирующий поставщик электроэнергии',
  GAS_DISTRIBUTION: 'Газораспределительная организация',
  GAS_SUPPLIER: 'Поставщик газа',
  HEAT_SUPPLIER: 'Теплоснабжающая организация',
});

@ObjectType('EnergyCompany', { description: 'Энергоснабжающая, сетевая или газовая организация' })
@Entity({ tableName: 'energy_company' })
export class EnergyCompany {
  @Field(() => ID, { description: 'Идентификатор организации (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Полное наименование' })
  @Property({ type: 'text', unique: true })
  name!: string;

  @Field(() => String, { description: 'Краткое наименование' })
  @Property({ type: 'text' })
  shortName!: string;

  @Field(() => EnergyCompanyKind, { description: 'Вид организации' })
  @Enum({ items: () => EnergyCompanyKind, nativeEnumName: 'energy_company_kind' })
  kind!: EnergyCompanyKind;

  /** Codes of the municipalities served; null: the whole republic. Resolved to `municipalities`. */
  @Property({ type: 'text[]', nullable: true })
  municipalityCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ИНН, где известен' })
  @Property({ type: 'text', nullable: true })
  inn?: string | null;

  @Field(() => String, { nullable: true, description: 'Круглосуточная линия для жителей' })
  @Property({ type: 'text', nullable: true })
  hotline?: string | null;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('EnergyDetails', { description: 'Сведения блока энергетики по обращению' })
@Entity({ tableName: 'energy_details' })
export class EnergyDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** Identifies the household's meter, hence its residents: exposed by the resolver by role. */
  @Property({ type: 'text', nullable: true })
  meterNumber?: string | null;

  /** Personal data: exposed by the resolver by role. */
  @Property({ type: 'text', nullable: true })
  accountNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'ИНН поставщика' })
  @Property({ type: 'text', nullable: true })
  supplierInn?: string | null;
}
