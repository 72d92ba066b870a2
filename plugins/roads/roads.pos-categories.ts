import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const roadsPosCategories: PosCategoryMap = {
  Дороги: {
    '*': 'roads',
    'Ямы и выбоины на дороге': 'roads.potholes',
    'Ремонт дорог': 'roads.repair-quality',
    'Качество ремонта дорог': 'roads.repair-quality',
    'Уборка снега и наледи на дорогах': 'roads.snow-clearing',
    Тротуары: 'roads.sidewalks',
    'Дорожные знаки и разметка': 'roads.traffic-signs',
    'Пешеходные переходы': 'roads.pedestrian-crossings',
    Мосты: 'roads.bridges',
    'Отсутствие дороги': 'roads.no-road',
    'Подтопление дорог': 'roads.drainage',
    'Опасный участок дороги': 'roads.dangerous-section',
  },
};
