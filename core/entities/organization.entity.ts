import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { OrganizationKind } from './enums.js';
import { Municipality } from './municipality.entity.js';

/** A body that answers appeals; bodies form a hierarchy (parent). */
@ObjectType({ description: 'Организация: орган власти, администрация, учреждение или ЦУР' })
@Entity({ tableName: 'organization' })
export class Organization {
  @Field(() => ID, { description: 'Идентификатор организации (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Стабильный код организации (латиницей), например min-construction' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Полное наименование' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Краткое наименование для подписей' })
  @Property({ type: 'text' })
  shortName!: string;

  @Field(() => OrganizationKind, { description: 'Вид организации' })
  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind' })
  kind!: OrganizationKind;

  @Index()
  @ManyToOne(() => Organization, { ref: true, nullable: true })
  parent?: Ref<Organization> | null;

  @Index()
  @ManyToOne(() => Municipality, { ref: true, nullable: true })
  municipality?: Ref<Municipality> | null;

  @Field(() => [String], { description: 'Коды отраслевых блоков, за которые отвечает организация' })
  @Property({ type: ArrayType })
  sectors: string[] = [];

  /** Roles the body takes in the region pack (a plugin's `responsibleBody.role`): routing's fallback for that sector. */
  @Property({ type: ArrayType, default: '{}' })
  roles: string[] = [];

  @Field(() => Boolean, { description: 'Наименование условное (демонстрационные данные)' })
  @Property({ type: 'boolean', default: false })
  demo: boolean = false;
}
