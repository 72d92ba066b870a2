import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';

/** A sector block (ЖКХ, ТКО, ...): one row per plugin, filled by the plugin. */
@ObjectType({ description: 'Отраслевой блок' })
@Entity({ tableName: 'sector' })
export class Sector {
  @Field(() => ID, { description: 'Идентификатор отраслевого блока (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Код блока, совпадает с именем плагина' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => String, { description: 'Название блока по-русски' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'Название блока по-английски' })
  @Property({ type: 'text' })
  nameEn!: string;
}
