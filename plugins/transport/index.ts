import { transportTables } from './transport.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { transportCategories } from './transport.categories.js';
import { transportDeadlines, transportKpis, transportRouting } from './transport.rules.js';
import { BusRoute, TransportCarrier, TransportDetails } from './transport.entities.js';
import { transportResolvers } from './transport.resolver.js';
import { transportDetails } from './transport.details.js';
import { seedTransport } from './transport.seed.js';
import { transportPosCategories } from './transport.pos-categories.js';
import { transportSurveyTemplates } from './transport.survey-templates.js';

export const transportPlugin = defineSectorPlugin({
  code: 'transport',
  name: { ru: 'Транспорт', en: 'Public transport' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [TransportCarrier, BusRoute, TransportDetails],
  resolvers: transportResolvers,
  access: { 'Query.busRoutes': 'ALL', 'Query.transportCarriers': 'ALL' },
  details: transportDetails,
  responsibleBody: { role: 'ministry-of-transport', name: 'Орган исполнительной власти региона в сфере транспорта' },
  categories: transportCategories,
  routing: transportRouting,
  deadlines: transportDeadlines,
  kpis: transportKpis,
  surveyTemplates: transportSurveyTemplates,
  posCategories: transportPosCategories,
  regionTables: transportTables,
  seed: seedTransport,
});
