import { housingTables } from './housing.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { housingCategories } from './housing.categories.js';
import { housingBodyRoles, housingDeadlines, housingKpis, housingRouting } from './housing.rules.js';
import { ApartmentBuilding, HousingDetails, ManagementCompany } from './housing.entities.js';
import { housingResolvers } from './housing.resolver.js';
import { housingDetails } from './housing.details.js';
import { seedHousing } from './housing.seed.js';
import { housingPosCategories } from './housing.pos-categories.js';
import { housingSurveyTemplates } from './housing.survey-templates.js';

export const housingPlugin = defineSectorPlugin({
  code: 'housing',
  name: { ru: 'ЖКХ', en: 'Housing and utilities' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [ManagementCompany, ApartmentBuilding, HousingDetails],
  resolvers: housingResolvers,
  access: { 'Query.managementCompanies': 'ALL', 'Query.apartmentBuildings': 'ALL' },
  details: housingDetails,
  responsibleBody: { role: 'ministry-of-housing', name: 'Орган исполнительной власти региона в сфере ЖКХ' },
  bodyRoles: housingBodyRoles,
  categories: housingCategories,
  routing: housingRouting,
  deadlines: housingDeadlines,
  kpis: housingKpis,
  surveyTemplates: housingSurveyTemplates,
  posCategories: housingPosCategories,
  regionTables: housingTables,
  seed: seedHousing,
});
