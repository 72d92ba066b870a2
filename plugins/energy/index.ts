import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { energyCategories } from './energy.categories.js';
import { energyDeadlines, energyKpis, energyRouting } from './energy.rules.js';

export const energyPlugin = defineSectorPlugin({
  code: 'energy',
  name: { ru: 'Энергетика', en: 'Energy' },
  apiVersion: PLUGIN_API_VERSION,
  categories: energyCategories,
  routing: energyRouting,
  deadlines: energyDeadlines,
  kpis: energyKpis,
});
