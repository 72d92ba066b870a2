import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const housingPosCategories: PosCategoryMap = {
  ЖКХ: {
    '*': 'housing',
    Отопление: 'housing.heating',
    'Отсутствие отопления': 'housing.heating',
    Водоснабжение: 'housing.water-supply',
    'Отсутствие водоснабжения': 'housing.water-supply',
    Канализация: 'housing.sewerage',
    'Протечка кровли': 'housing.roof-leak',
    'Уборка снега и наледи с крыш': 'housing.snow-icicles',
    'Работа управляющей компании': 'housing.management-company',
    'Оплата ЖКУ': 'housing.payment',
    'Капитальный ремонт': 'housing.capital-repair',
    'Аварийное жильё': 'housing.emergency-housing',
    Лифты: 'housing.elevator',
    'Содержание подъездов': 'housing.entrance',
  },
  Благоустройство: {
    'Благоустройство дворовой территории': 'housing.yard-improvement',
    'Детские площадки': 'housing.yard-improvement',
  },
};
