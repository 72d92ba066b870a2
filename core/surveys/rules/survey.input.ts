import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTime } from '../../graphql/date-time.scalar.js';
import { QuestionType, SurveyStatus } from './survey-enums.js';

@InputType({ description: 'Вариант ответа' })
export class SurveyOptionInput {
  @Field(() => String, { description: 'Код варианта, уникальный в вопросе' }) code!: string;
  @Field(() => String, { description: 'Текст варианта' }) text!: string;
}

@InputType({ description: 'Вопрос опроса' })
export class SurveyQuestionInput {
  @Field(() => String, { description: 'Код вопроса, уникальный в опросе (латиница, цифры, _ и -)' }) code!: string;
  @Field(() => String, { description: 'Текст вопроса' }) text!: string;
  @Field(() => QuestionType, { description: 'Вид вопроса' }) type!: QuestionType;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Обязателен ли ответ (по умолчанию да)' }) required?: boolean | null = true;
  @Field(() => [SurveyOptionInput], { nullable: true, description: 'Варианты (только для вопросов с выбором)' }) options?: SurveyOptionInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Нижняя граница шкалы (только для SCALE)' }) scaleMin?: number | null;
  @Field(() => Int, { nullable: true, description: 'Верхняя граница шкалы (только для SCALE)' }) scaleMax?: number | null;
}

@InputType({ description: 'Кого опрашивают' })
export class SurveyAudienceInput {
  @Field(() => [ID], { nullable: true, description: 'Муниципальные образования' }) municipalityIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Сектора (коды)' }) sectors?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Рубрики обращений (коды): их авторы' }) categories?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Системная проблема: авторы её обращений; итоги видны в проблеме' }) problemId?: string | null;
}

@InputType({ description: 'Опрос: название, период, аудитория, вопросы' })
export class SurveyInput {
  @Field(() => String, { description: 'Название' }) title!: string;
  @Field(() => String, { nullable: true, description: 'Описание для жителей' }) description?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'Начало приёма ответов' }) opensAt?: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'Окончание приёма ответов' }) closesAt?: Date | null;
  @Field(() => SurveyAudienceInput, { nullable: true, description: 'Аудитория' }) audience?: SurveyAudienceInput | null;
  @Field(() => [SurveyQuestionInput], { description: 'Вопросы' }) questions!: SurveyQuestionInput[];
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Задавать после оценки ответа: автору обращения из аудитории, оценившему ответ, уходит ссылка на этот опрос (по умолчанию нет)',
  })
  followUpAfterRating?: boolean | null = false;
}

@InputType({ description: 'Ответ на один вопрос' })
export class SurveyAnswerInput {
  @Field(() => String, { description: 'Код вопроса' }) questionCode!: string;
  @Field(() => [String], { nullable: true, description: 'Выбранные варианты (коды)' }) optionCodes?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Значение по шкале' }) value?: number | null;
  @Field(() => String, { nullable: true, description: 'Свободный ответ' }) text?: string | null;
}

@InputType({ description: 'Строка офлайн-опроса (бумажная анкета, телефонный опрос, выгрузка ПОС)' })
export class SurveyResponseRowInput {
  @Field(() => String, { description: 'Ключ строки, уникальный в опросе: повторная загрузка её не удвоит' }) rowKey!: string;
  @Field(() => [SurveyAnswerInput], { description: 'Ответы' }) answers!: SurveyAnswerInput[];
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование респондента' }) municipalityId?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'Когда получен ответ (по умолчанию — сейчас)' }) submittedAt?: Date | null;
}

@InputType({ description: 'Отбор опросов' })
export class SurveyFilter {
  @Field(() => [SurveyStatus], { nullable: true, description: 'Статусы' }) status?: SurveyStatus[] | null;
  @Field(() => ID, { nullable: true, description: 'Системная проблема' }) problemId?: string | null;
  @Field(() => String, { nullable: true, description: 'Сектор аудитории (код)' }) sector?: string | null;
}
