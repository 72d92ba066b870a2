import type { FeatureModule } from '../auth/feature-module.js';
import { Survey } from './survey.entity.js';
import { SurveyEvent } from './survey-event.entity.js';
import { SurveyLink } from './survey-link.entity.js';
import { SurveyConsent } from './survey-consent.entity.js';
import { SurveyInvitationResolver } from './survey-invitations.resolver.js';
import { startSurveyFollowUps } from './survey-follow-up.js';
import { SurveyImportRow } from './survey-import-row.entity.js';
import { SurveyImportJobResolver } from './survey-import-job.resolver.js';
import { surveyImportsJob } from './survey-import-job.js';
import { SurveyAnswer, SurveyResponse, SurveyTally } from './survey-response.entity.js';
import { SurveyResolver } from './survey.resolver.js';
import { ProblemSurveysResolver, QuestionResultResolver, SurveyFieldsResolver } from './survey-fields.resolver.js';
import { SurveyLiveResolver } from './survey-live.resolver.js';
import { SurveyTemplateResolver } from './survey-templates.resolver.js';
import { surveysAccess } from './survey-access.js';
import { seedSurveysDemo } from './survey-demo.js';
import { registerSurveyReportRoutes } from './survey-report.route.js';
import { registerSurveyUploadRoutes } from './survey-upload.route.js';
import type { SurveysServices } from './survey.service.js';

/**
 * Sociology (the decree, clause 7; clause 8: "социологические офлайн- и
 * онлайн-опросы"): surveys of residents, one-use answer links, offline
 * imports, results with intervals, live results and files. docs/surveys.md.
 */
export const surveysModule: FeatureModule<SurveysServices> = {
  name: 'surveys',
  entities: [Survey, SurveyEvent, SurveyLink, SurveyResponse, SurveyAnswer, SurveyTally, SurveyConsent, SurveyImportRow],
  resolvers: [
    SurveyResolver,
    SurveyFieldsResolver,
    QuestionResultResolver,
    ProblemSurveysResolver,
    SurveyLiveResolver,
    SurveyTemplateResolver,
    SurveyInvitationResolver,
    SurveyImportJobResolver,
  ],
  access: surveysAccess,
  routes: (expressApp, app) => {
    registerSurveyReportRoutes(expressApp, app);
    registerSurveyUploadRoutes(expressApp, app);
  },
  // The follow-up survey after a rating (survey-follow-up.ts), on the committed appeal events;
  // stopping waits for the file imports in flight (survey-import-job.ts).
  jobs: [(app) => startSurveyFollowUps(app), () => surveyImportsJob()],
  seedDemo: seedSurveysDemo,
};
