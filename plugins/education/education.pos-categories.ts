import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const educationPosCategories: PosCategoryMap = {
  Образование: {
    '*': 'education',
    'Очередь в детский сад': 'education.kindergarten-queue',
    'Зачисление в школу': 'education.school-enrolment',
    'Школьный автобус': 'education.school-transport',
    'Школьное питание': 'education.school-meals',
    'Состояние школ': 'education.school-building',
    'Дополнительное образование': 'education.additional-education',
  },
};
