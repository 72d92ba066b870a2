import { ArrayType, Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { Sector } from './sector.entity.js';

/** A heading of the classifier; rows are filled by the sector plugins. */
@ObjectType({ description: 'Рубрика классификатора' })
@Entity({ tableName: 'category' })
export class Category {
  @Field(() => ID, { description: 'Идентификатор рубрики (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Код рубрики (латиницей), уникален в регионе; им рубрика указывается в фильтрах и при регистрации' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @ManyToOne(() => Sector, { ref: true, deleteRule: 'cascade' })
  sector!: Ref<Sector>;

  @Field(() => String, { description: 'Название рубрики по-русски' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Код типового общероссийского тематического классификатора' })
  @Property({ type: 'text', nullable: true })
  federalCode?: string | null;

  @Field(() => [String], { description: 'Слова, по которым рубрика узнаётся в тексте' })
  @Property({ type: ArrayType })
  keywords: string[] = [];
}
