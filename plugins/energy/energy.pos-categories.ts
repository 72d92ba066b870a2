import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const energyPosCategories: PosCategoryMap = {
  Благоустройство: {
    'Уличное освещение': 'energy.street-lighting',
  },
  Электроснабжение: {
    '*': 'energy',
    'Отключение электроэнергии': 'energy.power-outage',
    'Перепады напряжения': 'energy.voltage',
    'Технологическое присоединение': 'energy.grid-connection',
  },
  Газоснабжение: {
    '*': 'energy',
    Газификация: 'energy.gasification',
    'Утечка газа': 'energy.gas-leak',
  },
};
