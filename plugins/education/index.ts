import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { educationCategories } from './education.categories.js';
import { educationDeadlines, educationKpis, educationRouting } from './education.rules.js';

export const educationPlugin = defineSectorPlugin({
  code: 'education',
  name: { ru: 'Образование', en: 'Education' },
  apiVersion: PLUGIN_API_VERSION,
  categories: educationCategories,
  routing: educationRouting,
  deadlines: educationDeadlines,
  kpis: educationKpis,
});
