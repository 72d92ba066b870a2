import { Field, Float, ObjectType } from 'type-graphql';

/** A sector/category pair the structurer proposed, stored on the appeal at intake (jsonb). */
@ObjectType('StructuringSuggestion', { description: 'Вариант структуризации, предложенный специалисту ЦУР' })
export class StructuringSuggestionValue {
  @Field(() => String, { description: 'Код блока (отрасли)' })
  sector!: string;

  @Field(() => String, { description: 'Код рубрики' })
  category!: string;

  @Field(() => Float, { description: 'Откалиброванная вероятность, что блок и рубрика верны (0..1)' })
  confidence!: number;
}
