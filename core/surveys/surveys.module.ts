import type { FeatureModule } from '../app/feature-module.js';
import { Survey } from './survey.entity.js';
import { SurveyEvent } from './survey-event.entity.js';
import { SurveyLink } from './survey-link.entity.js';
import { SurveyAnswer, SurveyResponse, SurveyTally } from './survey-response.entity.js';
import { SurveyResolver } from './survey.resolver.js';
import { ProblemSurveysResolver, QuestionResultResolver, SurveyFieldsResolver } from './survey-fields.resolver.js';
import { SurveyLiveResolver } from './survey-live.resolver.js';
import { SurveyTemplateResolver } from './survey-templates.resolver.js';
import { surveysAccess } from './survey-access.js';
import { seedSurveysDemo } from './survey-demo.js';
import { registerSurveyReportRoutes } from './survey-report.route.js';
import { registerSurveyUploadRoutes } from './survey-upload.route.js';

/**
 * Sociology (the decree, clause 7; clause 8: "социологические офлайн- и
 * онлайн-опросы"): surveys of residents, one-use answer links, offline
 * imports, results with intervals, live results and files. docs/surveys.md.
 */
export const surveysModule: FeatureModule = {
  name: 'surveys',
  entities: [Survey, SurveyEvent, SurveyLink, SurveyResponse, SurveyAnswer, SurveyTally],
  resolvers: [SurveyResolver, SurveyFieldsResolver, QuestionResultResolver, ProblemSurveysResolver, SurveyLiveResolver, SurveyTemplateResolver],
  access: surveysAccess,
  routes: (expressApp, app) => {
    registerSurveyReportRoutes(expressApp, app);
    registerSurveyUploadRoutes(expressApp, app);
  },
  seedDemo: seedSurveysDemo,
};
