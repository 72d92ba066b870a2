import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { housingCategories } from './housing.categories.js';
import { housingDeadlines, housingKpis, housingRouting } from './housing.rules.js';

export const housingPlugin = defineSectorPlugin({
  code: 'housing',
  name: { ru: 'ЖКХ', en: 'Housing and utilities' },
  apiVersion: PLUGIN_API_VERSION,
  categories: housingCategories,
  routing: housingRouting,
  deadlines: housingDeadlines,
  kpis: housingKpis,
});
