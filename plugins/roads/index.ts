import { roadsTables } from './roads.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { roadsCategories } from './roads.categories.js';
import { roadsBodyRoles, roadsDeadlines, roadsKpis, roadsRouting } from './roads.rules.js';
import { RoadSegment, RoadsDetails } from './roads.entities.js';
import { roadsResolvers } from './roads.resolver.js';
import { roadsDetails } from './roads.details.js';
import { seedRoads } from './roads.seed.js';
import { roadsPosCategories } from './roads.pos-categories.js';

export const roadsPlugin = defineSectorPlugin({
  code: 'roads',
  name: { ru: 'Дороги', en: 'Roads' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [RoadSegment, RoadsDetails],
  resolvers: roadsResolvers,
  access: { 'Query.roadSegments': 'ALL' },
  details: roadsDetails,
  responsibleBody: { role: 'ministry-of-roads', name: 'Орган исполнительной власти региона в сфере дорожного хозяйства' },
  bodyRoles: roadsBodyRoles,
  categories: roadsCategories,
  routing: roadsRouting,
  deadlines: roadsDeadlines,
  kpis: roadsKpis,
  posCategories: roadsPosCategories,
  regionTables: roadsTables,
  seed: seedRoads,
});
