import { registerEnumType } from 'type-graphql';

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

registerEnumType(SurveyStatus, {
  name: 'SurveyStatus',
  description: 'Статус опроса: черновик, идёт, завершён',
  valuesConfig: {
    DRAFT: { description: 'Черновик: можно править, ответы не принимаются' },
    OPEN: { description: 'Идёт: принимаются ответы' },
    CLOSED: { description: 'Завершён: ответы по ссылкам не принимаются, итоги окончательные' },
  },
});
registerEnumType(QuestionType, {
  name: 'QuestionType',
  description: 'Вид вопроса',
  valuesConfig: {
    SINGLE_CHOICE: { description: 'Один вариант из списка' },
    MULTIPLE_CHOICE: { description: 'Несколько вариантов из списка' },
    SCALE: { description: 'Оценка по шкале от scaleMin до scaleMax' },
    TEXT: { description: 'Свободный ответ' },
  },
});
registerEnumType(SurveyResponseSource, {
  name: 'SurveyResponseSource',
  description: 'Откуда пришёл ответ',
  valuesConfig: {
    LINK: { description: 'По одноразовой ссылке' },
    IMPORT: { description: 'Загружен из офлайн-опроса или внешней платформы' },
  },
});

export const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set([QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE]);
