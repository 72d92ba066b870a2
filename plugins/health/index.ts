import { healthTables } from './health.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { healthCategories } from './health.categories.js';
import { healthBodyRoles, healthDeadlines, healthKpis, healthRouting } from './health.rules.js';
import { HealthDetails, MedicalOrganization } from './health.entities.js';
import { healthResolvers } from './health.resolver.js';
import { healthDetails } from './health.details.js';
import { seedHealth } from './health.seed.js';
import { healthPosCategories } from './health.pos-categories.js';

export const healthPlugin = defineSectorPlugin({
  code: 'health',
  name: { ru: 'Здравоохранение', en: 'Health care' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [MedicalOrganization, HealthDetails],
  resolvers: healthResolvers,
  access: { 'Query.medicalOrganizations': 'ALL' },
  details: healthDetails,
  responsibleBody: { role: 'ministry-of-health', name: 'Орган исполнительной власти региона в сфере здравоохранения' },
  bodyRoles: healthBodyRoles,
  categories: healthCategories,
  routing: healthRouting,
  deadlines: healthDeadlines,
  kpis: healthKpis,
  posCategories: healthPosCategories,
  regionTables: healthTables,
  seed: seedHealth,
});
