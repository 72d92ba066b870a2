/**
 * The public transport sector's tables: carriers and bus routes (reference
 * data), and the details of a transport appeal (1:1 with the appeal, keyed by
 * appeal_id). Each class is also its GraphQL type.
 */
import { Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime, registerEnum } from '../../core/plugin-api/index.js';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality } from '../../core/plugin-api/index.js';

/** City routes are the municipality's; suburban and intercity ones the republic's (220-ФЗ on regular transport). */
export enum BusRouteKind {
  CITY = 'CITY',
  SUBURBAN = 'SUBURBAN',
  INTERCITY = 'INTERCITY',
}
registerEnum(BusRouteKind, 'BusRouteKind', 'Вид автобусного маршрута', {
  CITY: 'Городской',
  SUBURBAN: 'Пригородный',
  INTERCITY: 'Междугородный (межмуниципальный)',
});

@ObjectType('TransportCarrier', { description: 'Перевозчик по регулярным маршрутам' })
@Entity({ tableName: 'transport_carrier' })
export class TransportCarrier {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Постоянный код перевозчика' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Наименование перевозчика' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('BusRoute', { description: 'Регулярный автобусный маршрут' })
@Entity({ tableName: 'transport_bus_route' })
export class BusRoute {
  @Field(() => ID, { description: 'Идентификатор (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Постоянный код маршрута' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Номер маршрута, например «12» или «104к»' })
  @Property({ type: 'text', index: true })
  number!: string;

  @Field(() => BusRouteKind, { description: 'Вид маршрута' })
  @Enum({ items: () => BusRouteKind, nativeEnumName: 'bus_route_kind' })
  kind!: BusRouteKind;

  @Field(() => String, { description: 'Начальный пункт' })
  @Property({ type: 'text' })
  fromPoint!: string;

  @Field(() => String, { description: 'Конечный пункт' })
  @Property({ type: 'text' })
  toPoint!: string;

  @ManyToOne(() => TransportCarrier, { ref: true, index: true })
  carrier!: Ref<TransportCarrier>;

  /** The municipality the route mainly serves (the far end of a route out of a city). */
  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  @Field(() => Boolean, { description: 'Демонстрационная (вымышленная) запись' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('TransportDetails', { description: 'Сведения блока транспорта по обращению' })
@Entity({ tableName: 'transport_details' })
export class TransportDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  @Field(() => String, { nullable: true, description: 'Номер маршрута' })
  @Property({ type: 'text', nullable: true })
  routeNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Остановка' })
  @Property({ type: 'text', nullable: true })
  stopName?: string | null;

  @Field(() => String, { nullable: true, description: 'Госномер транспортного средства' })
  @Property({ type: 'text', nullable: true })
  vehicleNumber?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Время поездки' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  tripTime?: Date | null;
}
