import { wasteTables } from './waste.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { wasteCategories } from './waste.categories.js';
import { wasteDeadlines, wasteKpis, wasteBodyRoles, wasteRouting } from './waste.rules.js';
import { ContainerSite, WasteDetails, WasteOperator } from './waste.entities.js';
import { wasteResolvers } from './waste.resolver.js';
import { wasteDetails } from './waste.details.js';
import { seedWaste } from './waste.seed.js';
import { wastePosCategories } from './waste.pos-categories.js';

export const wastePlugin = defineSectorPlugin({
  code: 'waste',
  name: { ru: 'Обращение с ТКО', en: 'Municipal solid waste' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [WasteOperator, ContainerSite, WasteDetails],
  resolvers: wasteResolvers,
  access: { 'Query.containerSites': 'ALL', 'Query.wasteOperators': 'ALL' },
  details: wasteDetails,
  responsibleBody: { role: 'ministry-of-waste-management', name: 'Орган исполнительной власти региона в сфере обращения с ТКО' },
  bodyRoles: wasteBodyRoles,
  categories: wasteCategories,
  routing: wasteRouting,
  deadlines: wasteDeadlines,
  kpis: wasteKpis,
  posCategories: wastePosCategories,
  regionTables: wasteTables,
  seed: seedWaste,
});
