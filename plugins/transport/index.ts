import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { transportCategories } from './transport.categories.js';
import { transportDeadlines, transportKpis, transportRouting } from './transport.rules.js';

export const transportPlugin = defineSectorPlugin({
  code: 'transport',
  name: { ru: 'Транспорт', en: 'Public transport' },
  apiVersion: PLUGIN_API_VERSION,
  categories: transportCategories,
  routing: transportRouting,
  deadlines: transportDeadlines,
  kpis: transportKpis,
});
