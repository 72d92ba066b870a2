import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { registerEnum } from '../graphql/register-enum.js';

/** The communication failures of the decree, clause 8. */
export enum ConflictKind {
  REPEATED_AFTER_ANSWER = 'REPEATED_AFTER_ANSWER',
  NEGATIVE_RATING = 'NEGATIVE_RATING',
  RETURNED_FOR_REWORK = 'RETURNED_FOR_REWORK',
  ANSWERED_LATE = 'ANSWERED_LATE',
  BOILERPLATE_ANSWER = 'BOILERPLATE_ANSWER',
}
registerEnum(ConflictKind, 'ConflictKind', 'Вид конфликтной ситуации (сбой коммуникации, постановление, п. 8)', {
  REPEATED_AFTER_ANSWER: 'Повторное обращение по вопросу, на который уже дан ответ',
  NEGATIVE_RATING: 'Ответ оценён автором на 1–2',
  RETURNED_FOR_REWORK: 'Ответ возвращён ЦУР на доработку',
  ANSWERED_LATE: 'Ответ принят позже срока (MISSED)',
  BOILERPLATE_ANSWER: 'Один и тот же шаблонный текст ответа на разные вопросы',
});

export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  [ConflictKind.REPEATED_AFTER_ANSWER]: 'Повторные обращения по вопросу, на который дан ответ',
  [ConflictKind.NEGATIVE_RATING]: 'Негативные оценки ответов',
  [ConflictKind.RETURNED_FOR_REWORK]: 'Ответы, возвращённые на доработку',
  [ConflictKind.ANSWERED_LATE]: 'Ответы после срока',
  [ConflictKind.BOILERPLATE_ANSWER]: 'Один шаблонный ответ на разные вопросы',
};

@ObjectType({ description: 'Конфликтная ситуация: причина и обращения, на которых она основана' })
export class Conflict {
  @Field(() => ConflictKind, { description: 'Вид конфликтной ситуации' }) kind!: ConflictKind;
  @Field(() => String, { description: 'Вид по-русски' }) kindLabel!: string;
  @Field(() => DateTime, { description: 'Когда возникла (последнее событие)' }) at!: Date;
  @Field(() => String, { description: 'Причина по-русски, с цифрами' }) reason!: string;
  /** Resolved through the loader. */
  organizationId!: string | null;
  @Field(() => [ID], { description: 'Обращения, на которых основана' }) appealIds!: string[];
  @Field(() => Int, { description: 'Сколько обращений за ней стоит (длина appealIds)' }) count!: number;
}

@ObjectType({ description: 'Число конфликтных ситуаций одного вида' })
export class ConflictCount {
  @Field(() => ConflictKind, { description: 'Вид конфликтной ситуации' }) kind!: ConflictKind;
  @Field(() => String, { description: 'Вид по-русски' }) label!: string;
  @Field(() => Int, { description: 'Сколько ситуаций этого вида за месяц' }) count!: number;
}
