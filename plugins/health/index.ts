import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { healthCategories } from './health.categories.js';
import { healthDeadlines, healthKpis, healthRouting } from './health.rules.js';

export const healthPlugin = defineSectorPlugin({
  code: 'health',
  name: { ru: 'Здравоохранение', en: 'Health care' },
  apiVersion: PLUGIN_API_VERSION,
  categories: healthCategories,
  routing: healthRouting,
  deadlines: healthDeadlines,
  kpis: healthKpis,
});
