import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { socialCategories } from './social.categories.js';
import { socialDeadlines, socialKpis, socialRouting } from './social.rules.js';

export const socialPlugin = defineSectorPlugin({
  code: 'social',
  name: { ru: 'Социальная защита', en: 'Social protection' },
  apiVersion: PLUGIN_API_VERSION,
  categories: socialCategories,
  routing: socialRouting,
  deadlines: socialDeadlines,
  kpis: socialKpis,
});
