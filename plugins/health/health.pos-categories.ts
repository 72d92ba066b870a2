import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const healthPosCategories: PosCategoryMap = {
  Здравоохранение: {
    '*': 'health',
    'Запись на приём к врачу': 'health.appointment',
    'Лекарственное обеспечение': 'health.drugs',
    'Скорая медицинская помощь': 'health.ambulance',
    'Нехватка медицинского персонала': 'health.staff-shortage',
    'Состояние медицинских учреждений': 'health.facility-condition',
    Вакцинация: 'health.vaccination',
  },
};
