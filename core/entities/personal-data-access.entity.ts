import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Appeal } from './appeal.entity.js';
import { User } from './user.entity.js';

/**
 * One read of an appeal author's personal data by a role that may see it:
 * who, when, which appeal, which fields (152-ФЗ art. 19: the operator keeps
 * a record of access to personal data). Append-only in the database.
 */
@ObjectType({ description: 'Запись журнала доступа к персональным данным автора обращения' })
@Entity({ tableName: 'pii_access_log' })
@Index({ properties: ['appeal', 'at'] })
@Index({ properties: ['user', 'at'] })
export class PersonalDataAccess {
  @Field(() => ID, { description: 'Идентификатор записи (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  @ManyToOne(() => Appeal, { ref: true })
  appeal!: Ref<Appeal>;

  @Field(() => DateTime, { description: 'Когда персональные данные были прочитаны' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @Field(() => [String], { description: 'Какие сведения получены: name, email, phone, address' })
  @Property({ type: ArrayType })
  fields: string[] = [];

  @Field(() => String, { nullable: true, description: 'Идентификатор запроса (x-request-id)' })
  @Property({ type: 'text', nullable: true })
  requestId?: string | null;
}
