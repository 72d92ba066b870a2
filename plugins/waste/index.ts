import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { wasteCategories } from './waste.categories.js';
import { wasteDeadlines, wasteKpis, wasteRouting } from './waste.rules.js';

export const wastePlugin = defineSectorPlugin({
  code: 'waste',
  name: { ru: 'Обращение с ТКО', en: 'Municipal solid waste' },
  apiVersion: PLUGIN_API_VERSION,
  categories: wasteCategories,
  routing: wasteRouting,
  deadlines: wasteDeadlines,
  kpis: wasteKpis,
});
