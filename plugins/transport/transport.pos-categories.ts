import type { PosCategoryMap } from '../../core/plugin-api/index.js';

/** This sector's part of the ПОС classifier: platform category → subcategory (`*`: any other) → our code (docs/plugins.md). */
export const transportPosCategories: PosCategoryMap = {
  'Общественный транспорт': {
    '*': 'transport',
    'Отмена маршрута': 'transport.route-cancelled',
    Расписание: 'transport.schedule',
    'Нарушение расписания': 'transport.schedule',
    'Стоимость проезда': 'transport.fares',
    'Состояние транспорта': 'transport.vehicle-condition',
    'Поведение водителя': 'transport.driver-conduct',
    Остановки: 'transport.stops',
    'Новый маршрут': 'transport.new-route',
  },
};
