import { educationTables } from './education.region-tables.js';
import { defineSectorPlugin, PLUGIN_API_VERSION } from '../../core/plugin-api/index.js';
import { educationCategories } from './education.categories.js';
import { educationDeadlines, educationKpis, educationRouting } from './education.rules.js';
import { EducationDetails, EducationInstitution } from './education.entities.js';
import { educationResolvers } from './education.resolver.js';
import { educationDetails } from './education.details.js';
import { seedEducation } from './education.seed.js';
import { educationPosCategories } from './education.pos-categories.js';

export const educationPlugin = defineSectorPlugin({
  code: 'education',
  name: { ru: 'Образование', en: 'Education' },
  apiVersion: PLUGIN_API_VERSION,
  entities: [EducationInstitution, EducationDetails],
  resolvers: educationResolvers,
  access: { 'Query.educationInstitutions': 'ALL' },
  details: educationDetails,
  responsibleBody: { role: 'ministry-of-education', name: 'Орган исполнительной власти региона в сфере образования' },
  categories: educationCategories,
  routing: educationRouting,
  deadlines: educationDeadlines,
  kpis: educationKpis,
  posCategories: educationPosCategories,
  regionTables: educationTables,
  seed: seedEducation,
});
