import { socialTables } from './social.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { socialCategories } from './social.categories.js';
import { socialDeadlines, socialKpis, socialBodyRoles, socialRouting } from './social.rules.js';
import { SocialDetails, SocialMeasure, SocialServiceCentre } from './social.entities.js';
import { socialResolvers } from './social.resolver.js';
import { socialDetails } from './social.details.js';
import { seedSocial } from './social.seed.js';
import { socialPosCategories } from './social.pos-categories.js';

export const socialPlugin = defineSectorPlugin({
  code: 'social',
  name: { ru: 'Социальная защита', en: 'Social protection' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [SocialMeasure, SocialServiceCentre, SocialDetails],
  resolvers: socialResolvers,
  access: { 'Query.socialMeasures': 'ALL', 'Query.socialServiceCentres': 'ALL' },
  details: socialDetails,
  responsibleBody: { role: 'ministry-of-social-protection', name: 'Орган исполнительной власти региона в сфере социальной защиты' },
  bodyRoles: socialBodyRoles,
  categories: socialCategories,
  routing: socialRouting,
  deadlines: socialDeadlines,
  kpis: socialKpis,
  posCategories: socialPosCategories,
  regionTables: socialTables,
  seed: seedSocial,
});
