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
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
}

@ObjectType({ description: 'Часть оценки: значение 0..1, вес, баллы и цифры, из которых она получена' })
export class RatingPartValue {
  @Field(() => String, { description: 'quantity, timeliness, quality, speed, completeness, satisfaction, repeats' }) part!: string;
  @Field(() => String) name!: string;
  @Field(() => Float, { nullable: true, description: 'Значение 0..1 после сглаживания к среднему; null — не оценивается' }) value!: number | null;
  @Field(() => Float) weight!: number;
  @Field(() => Float, { description: 'Вклад в итоговую оценку, баллов из 100' }) points!: number;
  @Field(() => String, { description: 'Как получено значение' }) formula!: string;
  @Field(() => [RatingFigure]) figures!: RatingFigure[];
}

/** One rated body or municipality; every score is explained by its parts and their figures (the decree, clause 9). */
@ObjectType({ description: 'Строка рейтинга' })
export class RatingRow {
  @Field(() => Int, { nullable: true, description: 'Место; null — слишком мало обращений для места в рейтинге' }) rank!: number | null;
  @Field(() => Boolean) ranked!: boolean;
  /** Resolved through the loaders. */
  organizationId!: string | null;
  municipalityId!: string | null;
  @Field(() => String, { description: 'Наименование' }) name!: string;
  @Field(() => Float, { description: 'Итоговая оценка 0..100' }) score!: number;
  @Field(() => Int, { description: 'Обращений за период' }) appeals!: number;
  @Field(() => Float, { nullable: true, description: 'Обращений на 10 000 жителей (муниципалитеты)' }) perTenThousand!: number | null;
  @Field(() => RatingPartValue) quantity!: RatingPartValue;
  @Field(() => RatingPartValue) timeliness!: RatingPartValue;
  @Field(() => RatingPartValue) quality!: RatingPartValue;
  @Field(() => RatingPartValue) speed!: RatingPartValue;
  @Field(() => RatingPartValue) completeness!: RatingPartValue;
  @Field(() => RatingPartValue) satisfaction!: RatingPartValue;
  @Field(() => RatingPartValue) repeats!: RatingPartValue;
}
