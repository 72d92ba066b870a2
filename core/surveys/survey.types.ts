import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { connectionType } from '../graphql/pagination.js';
import { ImportRowError, ImportRowStatus } from '../lifecycle/lifecycle-types.js';
import { QuestionType } from './rules/survey-enums.js';
import { Survey } from './survey.entity.js';

@ObjectType({ description: 'Вариант ответа' })
export class SurveyOption {
  @Field(() => String, { description: 'Код варианта' }) code!: string;
  @Field(() => String, { description: 'Текст варианта' }) text!: string;
}

@ObjectType({ description: 'Вопрос опроса' })
export class SurveyQuestion {
  @Field(() => String, { description: 'Код вопроса' }) code!: string;
  @Field(() => String, { description: 'Текст вопроса' }) text!: string;
  @Field(() => QuestionType, { description: 'Вид вопроса' }) type!: QuestionType;
  @Field(() => Boolean, { description: 'Обязателен ли ответ' }) required!: boolean;
  @Field(() => [SurveyOption], { description: 'Варианты (для вопросов с выбором)' }) options!: SurveyOption[];
  @Field(() => Int, { nullable: true, description: 'Нижняя граница шкалы' }) scaleMin!: number | null;
  @Field(() => Int, { nullable: true, description: 'Верхняя граница шкалы' }) scaleMax!: number | null;
}

@ObjectType({ description: 'Аудитория опроса' })
export class SurveyAudience {
  @Field(() => [ID], { description: 'Муниципальные образования' }) municipalityIds!: string[];
  @Field(() => [String], { description: 'Сектора (коды)' }) sectors!: string[];
  @Field(() => [String], { description: 'Рубрики обращений (коды)' }) categories!: string[];
  @Field(() => ID, { nullable: true, description: 'Системная проблема' }) problemId!: string | null;
}

@ObjectType('SurveyLink', { description: 'Одноразовая ссылка для ответа без входа в систему' })
export class SurveyLinkInfo {
  @Field(() => String, { description: 'Токен ссылки: показывается один раз, хранится только его хеш' }) token!: string;
  @Field(() => String, { nullable: true, description: 'Готовая ссылка, если задан SURVEY_LINK_BASE' }) url!: string | null;
  @Field(() => DateTime, { description: 'До какого момента ссылка действует' }) expiresAt!: Date;
  @Field(() => ID, { nullable: true, description: 'Обращение, автору которого предназначена ссылка (forAudience); в базе не хранится' })
  appealId!: string | null;
}

@ObjectType({ description: 'Квитанция о принятом ответе' })
export class SurveySubmission {
  @Field(() => Boolean, { description: 'Ответ принят' }) accepted!: boolean;
  @Field(() => String, { description: 'Название опроса' }) surveyTitle!: string;
  @Field(() => DateTime, { description: 'Когда принят' }) submittedAt!: Date;
}

@ObjectType({ description: 'Итог по строке загрузки' })
export class SurveyImportRowResult {
  @Field(() => Int, { description: 'Номер строки во входном списке, с 0' }) index!: number;
  @Field(() => String, { description: 'Ключ строки' }) rowKey!: string;
  @Field(() => ImportRowStatus, { description: 'Создана, уже была или ошибка' }) status!: ImportRowStatus;
  @Field(() => ImportRowError, { nullable: true, description: 'Ошибка строки (поле — путь вида answers.q1)' }) error!: ImportRowError | null;
}

@ObjectType({ description: 'Итоги загрузки офлайн-опроса' })
export class ImportSurveyResponsesPayload {
  @Field(() => [SurveyImportRowResult], { description: 'По строке на каждую входную, в том же порядке' }) rows!: SurveyImportRowResult[];
  @Field(() => Int, { description: 'Создано ответов' }) created!: number;
  @Field(() => Int, { description: 'Уже были (тот же ключ строки)' }) existing!: number;
  @Field(() => Int, { description: 'Строк с ошибкой' }) failed!: number;
}

@ObjectType({ description: 'Итог по варианту ответа' })
export class OptionResult {
  @Field(() => String, { description: 'Код варианта' }) code!: string;
  @Field(() => String, { description: 'Текст варианта' }) text!: string;
  @Field(() => Int, { description: 'Число ответивших, выбравших вариант' }) count!: number;
  @Field(() => Float, { description: 'Доля среди ответивших на вопрос (0..1; с весами — взвешенная)' }) share!: number;
  @Field(() => Float, { description: 'Нижняя граница 95% доверительного интервала Уилсона' }) low!: number;
  @Field(() => Float, { description: 'Верхняя граница 95% доверительного интервала Уилсона' }) high!: number;
}

@ObjectType({ description: 'Итог по вопросу' })
export class QuestionResult {
  @Field(() => String, { description: 'Код вопроса' }) code!: string;
  @Field(() => String, { description: 'Текст вопроса' }) text!: string;
  @Field(() => QuestionType, { description: 'Вид вопроса' }) type!: QuestionType;
  @Field(() => Int, { description: 'Ответили на вопрос' }) answered!: number;
  @Field(() => [OptionResult], { description: 'Варианты: число, доля, интервал' }) options!: OptionResult[];
  @Field(() => Float, { nullable: true, description: 'Среднее по шкале' }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Нижняя граница 95% интервала среднего' }) meanLow!: number | null;
  @Field(() => Float, { nullable: true, description: 'Верхняя граница 95% интервала среднего' }) meanHigh!: number | null;
  /** Whose answers `texts` reads (the field resolver), and of which municipality (undefined: all). */
  surveyId!: string;
  municipalityId?: string | null;
}

@ObjectType({ description: 'Итоги по муниципальному образованию' })
export class MunicipalityResult {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование (null — не указано)' }) municipalityId!: string | null;
  @Field(() => String, { description: 'Наименование' }) name!: string;
  @Field(() => Int, { description: 'Ответов' }) responseCount!: number;
  @Field(() => [QuestionResult], { description: 'Итоги по вопросам' }) questions!: QuestionResult[];
}

@ObjectType({ description: 'Итоги опроса: точные и текущие (считаются по ответам при каждом запросе)' })
export class SurveyResults {
  /** Whose results: the field resolvers read free texts with it. */
  surveyId!: string;
  @Field(() => Int, { description: 'Ответов всего' }) responseCount!: number;
  @Field(() => Int, { description: 'Ответов по ссылкам' }) linkResponses!: number;
  @Field(() => Int, { description: 'Ответов из офлайн-опросов' }) importedResponses!: number;
  @Field(() => Int, { description: 'Выдано ссылок (охват аудитории)' }) linksIssued!: number;
  @Field(() => Float, { nullable: true, description: 'Отклик: ответы по ссылкам / выданные ссылки' }) responseRate!: number | null;
  @Field(() => Boolean, { description: 'Взвешено по численности населения муниципальных образований' }) weighted!: boolean;
  @Field(() => Float, { nullable: true, description: 'Эффективный объём выборки при взвешивании (Киш)' }) effectiveSampleSize!: number | null;
  @Field(() => [QuestionResult], { description: 'Итоги по вопросам' }) questions!: QuestionResult[];
  @Field(() => [MunicipalityResult], { description: 'Разбивка по муниципальным образованиям' }) byMunicipality!: MunicipalityResult[];
  @Field(() => DateTime, { description: 'На какой момент посчитано' }) computedAt!: Date;
}

export const SurveyConnection = connectionType(Survey, 'Survey');
