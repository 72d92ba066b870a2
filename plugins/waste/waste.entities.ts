/**
 * The waste (ТКО) sector's tables: the regional operator and collectors,
 * container sites (reference data), and the details of a waste appeal (1:1
 * with the appeal, keyed by appeal_id). Each class is also its GraphQL type.
 */
import { Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality, Organization, registerEnum } from '../../core/plugin-api/index.js';

export enum WasteOperatorRole {
  REGIONAL_OPERATOR = 'REGIONAL_OPERATOR',
  COLLECTOR = 'COLLECTOR',
}
registerEnum(WasteOperatorRole, 'WasteOperatorRole', 'Роль в обращении с ТКО', {
  REGIONAL_OPERATOR: 'Региональный оператор по обращению с твёрдыми коммунальными отходами',
  COLLECTOR: 'Перевозчик (вывоз отходов по договору с региональным оператором)',
});

@ObjectType('WasteOperator', { description: 'Региональный оператор или перевозчик ТКО' })
@Entity({ tableName: 'waste_operator' })
export class WasteOperator {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => WasteOperatorRole, { description: 'Роль в обращении с ТКО' })
  @Enum({ items: () => WasteOperatorRole, nativeEnumName: 'waste_operator_role' })
  role!: WasteOperatorRole;

  /** The body appeals are routed to; one operator row per organization. */
  @ManyToOne(() => Organization, { ref: true, unique: true })
  organization!: Ref<Organization>;

  @Field(() => String, { nullable: true, description: 'ИНН, где известен' })
  @Property({ type: 'text', nullable: true })
  inn?: string | null;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('ContainerSite', { description: 'Контейнерная площадка (место накопления ТКО)' })
@Entity({ tableName: 'waste_container_site' })
export class ContainerSite {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Адрес площадки' })
  @Property({ type: 'text' })
  address!: string;

  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  @Field(() => Float, { description: 'Широта, градусы WGS 84' })
  @Property({ type: 'double' })
  latitude!: number;

  @Field(() => Float, { description: 'Долгота, градусы WGS 84' })
  @Property({ type: 'double' })
  longitude!: number;

  @Field(() => Int, { description: 'Число контейнеров' })
  @Property({ type: 'integer' })
  containers!: number;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('WasteDetails', { description: 'Сведения блока ТКО по обращению' })
@Entity({ tableName: 'waste_details' })
export class WasteDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** Kept as given (a site may be added to the register later); resolved to `containerSite`. */
  @Property({ type: 'uuid', nullable: true })
  containerSiteId?: string | null;

  @Field(() => String, { nullable: true, description: 'Адрес контейнерной площадки' })
  @Property({ type: 'text', nullable: true })
  containerSiteAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'Дата несостоявшегося вывоза (ГГГГ-ММ-ДД)' })
  @Property({ type: 'string', columnType: 'date', nullable: true })
  pickupDate?: string | null;
}
