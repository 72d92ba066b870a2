import type { SurveyTemplateDefinition } from '../../core/plugin-api/index.js';

/** Questionnaires the housing block offers for polls of residents (core/surveys). */
export const housingSurveyTemplates: SurveyTemplateDefinition[] = [
  {
    code: 'housing.heating-quality',
    title: 'Качество отопления в отопительный сезон',
    description: 'Опрос жителей многоквартирных домов о тепле в квартирах и работе управляющей организации',
    questions: [
      {
        code: 'warm',
        text: 'Тепло ли в вашей квартире?',
        type: 'SINGLE_CHOICE',
        options: [
          { code: 'warm', text: 'Тепло' },
          { code: 'cool', text: 'Прохладно' },
          { code: 'cold', text: 'Холодно' },
        ],
      },
      {
        code: 'outages',
        text: 'Были ли перерывы в отоплении за последний месяц?',
        type: 'SINGLE_CHOICE',
        options: [
          { code: 'none', text: 'Не было' },
          { code: 'short', text: 'Да, до суток' },
          { code: 'long', text: 'Да, больше суток' },
        ],
      },
      { code: 'company', text: 'Оцените работу управляющей организации по отоплению', type: 'SCALE', scaleMin: 1, scaleMax: 5 },
      { code: 'comment', text: 'Что нужно исправить?', type: 'TEXT', required: false },
    ],
  },
];
