import { Field, Float, Int, ObjectType } from 'type-graphql';
import { registerEnum } from '../graphql/register-enum.js';

export enum RatingSubject {
  ORGANIZATION = 'ORGANIZATION',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnum(RatingSubject, 'RatingSubject', 'Кого оценивает рейтинг: органы власти или муниципалитеты', {
  ORGANIZATION: 'Ответственные органы и организации',
  MUNICIPALITY: 'Муниципальные образования (по месту обращения)',
});

@ObjectType({ description: 'Исходная цифра, из которой получена часть оценки' })
export class RatingFigure {
  @Field(() => String, { description: 'Код цифры (стабилен, для программ)' }) code!: string;
  @Field(() => String, { description: 'Что это за цифра, по-русски' }) label!: string;
  @Field(() => Float, { nullable: true, description: 'Значение; null — нет данных' }) value!: number | null;
}

@ObjectType({ description: 'Часть оценки: значение 0..1, вес, баллы и цифры, из которых она получена' })
export class RatingPartValue {
  @Field(() => String, { description: 'Код части: quantity, timeliness, quality, speed, completeness, satisfaction или repeats' }) part!: string;
  @Field(() => String, { description: 'Часть оценки по-русски' }) name!: string;
  @Field(() => Float, { nullable: true, description: 'Значение 0..1 после сглаживания к среднему; null — не оценивается' }) value!: number | null;
  @Field(() => Float, { description: 'Вес части в итоговой оценке (доля, веса частей в сумме дают 1)' }) weight!: number;
  @Field(() => Float, { description: 'Вклад в итоговую оценку, баллов из 100' }) points!: number;
  @Field(() => String, { description: 'Как получено значение' }) formula!: string;
  @Field(() => [RatingFigure], { description: 'Цифры, из которых получено значение' }) figures!: RatingFigure[];
}

/** One rated body or municipality; every score is explained by its parts and their figures (the decree, clause 9). */
@ObjectType({ description: 'Строка рейтинга' })
export class RatingRow {
  @Field(() => Int, { nullable: true, description: 'Место; null — слишком мало обращений для места в рейтинге' }) rank!: number | null;
  @Field(() => Boolean, { description: 'Получил ли место (достаточно обращений за период)' }) ranked!: boolean;
  /** Resolved through the loaders. */
  organizationId!: string | null;
  municipalityId!: string | null;
  @Field(() => String, { description: 'Наименование' }) name!: string;
  @Field(() => Float, { description: 'Итоговая оценка 0..100' }) score!: number;
  @Field(() => Int, { description: 'Обращений за период' }) appeals!: number;
  @Field(() => Float, { nullable: true, description: 'Обращений на 10 000 жителей (муниципалитеты)' }) perTenThousand!: number | null;
  @Field(() => RatingPartValue, {
    description:
      'Количество: для муниципалитетов — меньше обращений на 10 000 жителей, чем у других в рейтинге (0..1 между наибольшим и наименьшим); для органов — доля обращений, на которые дан ответ',
  })
  quantity!: RatingPartValue;
  @Field(() => RatingPartValue, { description: 'Своевременность: доля ответов в срок' }) timeliness!: RatingPartValue;
  @Field(() => RatingPartValue, { description: 'Качество: 1 − доля ответов, возвращённых ЦУР на доработку' }) quality!: RatingPartValue;
  @Field(() => RatingPartValue, { description: 'Скорость: медиана времени ответа по всем, делённая на сумму её и своей сглаженной медианы' })
  speed!: RatingPartValue;
  @Field(() => RatingPartValue, { description: 'Полнота: доля ответов среди обращений, срок которых наступил' }) completeness!: RatingPartValue;
  @Field(() => RatingPartValue, { description: 'Удовлетворённость: 1 − доля негативных (1–2) оценок авторов' }) satisfaction!: RatingPartValue;
  @Field(() => RatingPartValue, { description: 'Без повторов: 1 − доля повторных обращений' }) repeats!: RatingPartValue;
}
