import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import type { CoreServices } from '../config/core-services.js';
import { checkAccess } from '../auth/access-guard.js';
import { SurveyResults } from './survey.types.js';
import { surveysAccess } from './survey-access.js';
import { findSurvey } from './survey.service.js';
import { watchSurveyResults } from './survey-live.js';

type Args = SubscribeResolverData<unknown, { surveyId: string; weighted?: boolean | null }, RequestContext<CoreServices>>;

/** Results streamed over graphql-ws while a survey runs (the same access rules as the `survey` query). */
@Resolver()
export class SurveyLiveResolver {
  @Subscription(() => SurveyResults, {
    description: 'Итоги опроса в реальном времени: сразу текущие, затем после каждого нового ответа; для завершённого — окончательные, и поток закрывается',
    subscribe: async ({ args, context }: Args) => {
      checkAccess(surveysAccess, 'Subscription.surveyResults', context);
      const survey = await findSurvey(context.app.orm.em.fork(), context.user!, args.surveyId);
      return watchSurveyResults(context.app, survey, Boolean(args.weighted));
    },
  })
  surveyResults(
    @Root() results: SurveyResults,
    @Arg('surveyId', () => ID, { description: 'Опрос' }) _surveyId: string,
    @Arg('weighted', () => Boolean, { nullable: true, description: 'Взвесить по численности населения' }) _weighted?: boolean | null,
  ): SurveyResults {
    return results;
  }
}
