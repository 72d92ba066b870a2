import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { roadsCategories } from './roads.categories.js';
import { roadsDeadlines, roadsKpis, roadsRouting } from './roads.rules.js';

export const roadsPlugin = defineSectorPlugin({
  code: 'roads',
  name: { ru: 'Дороги', en: 'Roads' },
  apiVersion: PLUGIN_API_VERSION,
  categories: roadsCategories,
  routing: roadsRouting,
  deadlines: roadsDeadlines,
  kpis: roadsKpis,
});
