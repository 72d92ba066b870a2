import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const wastePosCategories: PosCategoryMap = {
  Благоустройство: {
    'Несанкционированные свалки': 'waste.illegal-dump',
  },
  'Мусор/Свалки/ТКО': {
    '*': 'waste',
    'Вывоз мусора': 'waste.missed-pickup',
    'Невывоз ТКО': 'waste.missed-pickup',
    'Контейнерные площадки': 'waste.container-site',
    'Несанкционированные свалки': 'waste.illegal-dump',
    'Плата за вывоз ТКО': 'waste.billing',
    'Раздельный сбор отходов': 'waste.separate-collection',
    'Вывоз крупногабаритных отходов': 'waste.bulky-waste',
  },
};
