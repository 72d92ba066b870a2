import type { SurveyTemplateDefinition } from '../../core/plugin-api/index.js';

/** Questionnaires the transport block offers for polls of residents (core/surveys). */
export const transportSurveyTemplates: SurveyTemplateDefinition[] = [
  {
    code: 'transport.route-satisfaction',
    title: 'Удовлетворённость работой маршрута',
    description: 'Опрос пассажиров о регулярности, наполненности и состоянии автобусов маршрута',
    questions: [
      {
        code: 'frequency',
        text: 'Как часто вы ждёте автобус дольше расписания?',
        type: 'SINGLE_CHOICE',
        options: [
          { code: 'never', text: 'Почти никогда' },
          { code: 'sometimes', text: 'Иногда' },
          { code: 'often', text: 'Часто' },
        ],
      },
      {
        code: 'problems',
        text: 'Что мешает поездкам?',
        type: 'MULTIPLE_CHOICE',
        required: false,
        options: [
          { code: 'crowded', text: 'Переполненность' },
          { code: 'dirty', text: 'Грязь в салоне' },
          { code: 'late', text: 'Опоздания' },
          { code: 'rude', text: 'Грубость водителей' },
        ],
      },
      { code: 'score', text: 'Оцените маршрут в целом', type: 'SCALE', scaleMin: 1, scaleMax: 10 },
    ],
  },
];
