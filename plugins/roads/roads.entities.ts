/**
 * The roads sector's tables: road segments with their owner (reference
 * data), and the details of a roads appeal (1:1 with the appeal, keyed by
 * appeal_id). Each class is also its GraphQL type.
 */
import { Entity, Enum, ManyToOne, OneToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Appeal, Municipality, registerEnum } from '../../core/plugin-api/index.js';

/** Whose road it is decides who answers (257-ФЗ on roads, art. 5: federal, regional, local roads). */
export enum RoadOwner {
  FEDERAL = 'FEDERAL',
  REGIONAL = 'REGIONAL',
  MUNICIPAL = 'MUNICIPAL',
}
registerEnum(RoadOwner, 'RoadOwner', 'Собственник дороги (257-ФЗ, ст. 5)', {
  FEDERAL: 'Федеральная дорога',
  REGIONAL: 'Региональная (межмуниципальная) дорога',
  MUNICIPAL: 'Местная дорога муниципалитета',
});

@ObjectType('RoadSegment', { description: 'Участок автомобильной дороги' })
@Entity({ tableName: 'roads_segment' })
export class RoadSegment {
  @Field(() => ID, { description: 'Идентификатор участка (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Постоянный код участка' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Название дороги или улицы и участка' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Номер федеральной или региональной дороги: буква, дефис, цифры' })
  @Property({ type: 'text', nullable: true })
  roadNumber?: string | null;

  @Field(() => Float, { description: 'Начало участка, км' })
  @Property({ type: 'double' })
  kmFrom!: number;

  @Field(() => Float, { description: 'Конец участка, км' })
  @Property({ type: 'double' })
  kmTo!: number;

  @Field(() => RoadOwner, { description: 'Собственник дороги' })
  @Enum({ items: () => RoadOwner, nativeEnumName: 'road_owner' })
  owner!: RoadOwner;

  @ManyToOne(() => Municipality, { ref: true, index: true })
  municipality!: Ref<Municipality>;

  @Field(() => Boolean, { description: 'Демонстрационная запись (наименование составлено по концам участка)' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}

@ObjectType('RoadsDetails', { description: 'Сведения блока дорог по обращению' })
@Entity({ tableName: 'roads_details' })
export class RoadsDetails {
  @OneToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** Kept as given; resolved to `roadSegment`. */
  @Property({ type: 'uuid', nullable: true })
  roadSegmentId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Километр дороги' })
  @Property({ type: 'double', nullable: true })
  kilometer?: number | null;

  @Field(() => String, { nullable: true, description: 'Название дороги или улицы, как указал автор' })
  @Property({ type: 'text', nullable: true })
  roadName?: string | null;
}
