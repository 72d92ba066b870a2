import { ArrayType, Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Role } from './enums.js';
import { Organization } from './organization.entity.js';

@ObjectType({ description: 'Пользователь' })
@Entity({ tableName: 'app_user' })
export class User {
  @Field(() => ID, { description: 'Идентификатор пользователя (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'E-mail: логин для входа' })
  @Property({ type: 'text', unique: true })
  email!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => String, { description: 'ФИО' })
  @Property({ type: 'text' })
  fullName!: string;

  @Field(() => Role, { description: 'Роль: определяет права (docs/access.md)' })
  @Enum({ items: () => Role, nativeEnumName: 'user_role' })
  role!: Role;

  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization?: Ref<Organization> | null;

  @Field(() => [String], { description: 'Отраслевые блоки пользователя (для отраслевых ролей)' })
  @Property({ type: ArrayType })
  sectors: string[] = [];

  @Field(() => Boolean, { description: 'Учётная запись действует (false — вход запрещён, токены отозваны)' })
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  /**
   * Bumped when the user's password, role, organization, sectors or status
   * change: tokens carry it (`ver`), so every earlier token stops working.
   */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: number = 0;

  @Field(() => DateTime, { description: 'Когда учётная запись создана' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
