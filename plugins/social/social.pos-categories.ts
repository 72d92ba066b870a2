import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const socialPosCategories: PosCategoryMap = {
  'Социальное обслуживание и защита': {
    '*': 'social',
    'Пособия на детей': 'social.child-benefits',
    'Многодетные семьи': 'social.large-families',
    Инвалидность: 'social.disability',
    'Участники СВО и их семьи': 'social.svo',
    'Малоимущие семьи': 'social.low-income',
    'Субсидии на оплату ЖКУ': 'social.utility-subsidies',
  },
};
