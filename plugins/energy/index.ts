import { energyTables } from './energy.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { energyCategories } from './energy.categories.js';
import { energyDeadlines, energyKpis, energyRouting } from './energy.rules.js';
import { EnergyCompany, EnergyDetails } from './energy.entities.js';
import { energyResolvers } from './energy.resolver.js';
import { energyDetails } from './energy.details.js';
import { seedEnergy } from './energy.seed.js';
import { energyPosCategories } from './energy.pos-categories.js';

export const energyPlugin = defineSectorPlugin({
  code: 'energy',
  name: { ru: 'Энергетика', en: 'Energy' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [EnergyCompany, EnergyDetails],
  resolvers: energyResolvers,
  access: { 'Query.energyCompanies': 'ALL' },
  details: energyDetails,
  responsibleBody: { role: 'ministry-of-energy', name: 'Орган исполнительной власти региона в сфере энергетики' },
  categories: energyCategories,
  routing: energyRouting,
  deadlines: energyDeadlines,
  kpis: energyKpis,
  posCategories: energyPosCategories,
  regionTables: energyTables,
  seed: seedEnergy,
});
