import { registerEnum } from '../../graphql/register-enum.js';
/** DRAFT → OPEN → CLOSED; no way back (a closed survey's results are final). */
export enum SurveyStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum QuestionType {
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
  SCALE = 'SCALE',
  TEXT = 'TEXT',
}

/** How a response came in: a one-use link, or a row of an offline poll (paper, phone, an external platform). */
export enum SurveyResponseSource {
  LINK = 'LINK',
  IMPORT = 'IMPORT',
}

registerEnum(SurveyStatus, 'SurveyStatus', 'Статус опроса: черновик, идёт, завершён', {
  DRAFT: 'Черновик: можно править, ответы не принимаются',
  OPEN: 'Идёт: принимаются ответы',
  CLOSED: 'Завершён: ответы по ссылкам не принимаются, итоги окончательные',
});
registerEnum(QuestionType, 'QuestionType', 'Вид вопроса', {
  SINGLE_CHOICE: 'Один вариант из списка',
  MULTIPLE_CHOICE: 'Несколько вариантов из списка',
  SCALE: 'Оценка по шкале от scaleMin до scaleMax',
  TEXT: 'Свободный ответ',
});
registerEnum(SurveyResponseSource, 'SurveyResponseSource', 'Откуда пришёл ответ', {
  LINK: 'По одноразовой ссылке',
  IMPORT: 'Загружен из офлайн-опроса или внешней платформы',
});

export const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set([QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE]);
