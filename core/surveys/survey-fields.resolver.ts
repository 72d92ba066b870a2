import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { pgQuery } from '../db/pg-query.js';
import { requireUser } from '../auth/require-user.js';
import { badInput } from '../errors/errors.js';
import { Problem } from '../entities/problem.entity.js';
import { Survey } from './survey.entity.js';
import { SurveyEvent } from './survey-event.entity.js';
import { QuestionResult, SurveyAudience, SurveyQuestion, SurveyResults } from './survey.types.js';
import { MAX_TEXTS, surveyResults, surveyTexts } from './survey-results.service.js';
import { surveyInScope } from './survey-access.js';
import { SURVEY_READERS } from './survey-access.js';

@Resolver(() => Survey)
export class SurveyFieldsResolver {
  @FieldResolver(() => SurveyAudience, { description: 'Аудитория' })
  audience(@Root() survey: Survey): SurveyAudience {
    return {
      municipalityIds: survey.audienceMunicipalityIds,
      sectors: survey.audienceSectors,
      categories: survey.audienceCategories,
      problemId: survey.problem?.id ?? null,
    };
  }

  @FieldResolver(() => [SurveyQuestion], { description: 'Вопросы' })
  questions(@Root() survey: Survey): SurveyQuestion[] {
    return survey.questions;
  }

  @FieldResolver(() => Int, { description: 'Ответов (точно, на момент запроса)' })
  async responseCount(@Root() survey: Survey, @Ctx() ctx: RequestContext): Promise<number> {
    const loader = ctx.loaders.named<string, number>('surveyResponseCount', async (ids, em) => {
      const rows = await pgQuery<{ survey_id: string; n: number }>(
        em,
        'select survey_id, count(*)::int as n from survey_response where survey_id = any($1::uuid[]) group by 1',
        [ids],
      );
      const counts = new Map(rows.map((r) => [r.survey_id, r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
    return (await loader.load(survey.id)) ?? 0;
  }

  @FieldResolver(() => SurveyResults, {
    description: 'Итоги: по вариантам — число, доля и 95% интервал Уилсона; по шкалам — среднее с 95% интервалом (t Стьюдента); разбивка по муниципалитетам',
  })
  results(
    @Root() survey: Survey,
    @Ctx() ctx: RequestContext,
    @Arg('weighted', () => Boolean, { nullable: true, description: 'Взвесить по численности населения муниципальных образований' }) weighted?: boolean | null,
  ): Promise<SurveyResults> {
    return surveyResults(ctx.em, survey, { weighted, now: ctx.clock.now() });
  }

  @FieldResolver(() => [SurveyEvent], { description: 'Журнал изменений опроса' })
  async history(@Root() survey: Survey, @Ctx() ctx: RequestContext): Promise<SurveyEvent[]> {
    return ctx.em.find(SurveyEvent, { survey: survey.id }, { orderBy: { at: 'asc', seq: 'asc' } });
  }

  @FieldResolver(() => Problem, { nullable: true, description: 'Системная проблема, к которой относится опрос' })
  async problem(@Root() survey: Survey, @Ctx() ctx: RequestContext): Promise<Problem | null> {
    return survey.problem ? ctx.em.findOne(Problem, survey.problem.id) : null;
  }
}

@Resolver(() => QuestionResult)
export class QuestionResultResolver {
  @FieldResolver(() => [String], { description: 'Свободные ответы, новые сначала; персональные данные скрыты для ролей без доступа к ним' })
  texts(
    @Root() result: QuestionResult,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: `Сколько (по умолчанию 20, не больше ${MAX_TEXTS})` }) first?: number | null,
  ): Promise<string[]> | string[] {
    const limit = first ?? 20;
    if (limit < 0 || limit > MAX_TEXTS) throw badInput('first', `first — от 0 до ${MAX_TEXTS}`);
    if (result.type !== 'TEXT' || limit === 0) return [];
    return surveyTexts(ctx.em, ctx.user, result.surveyId, result.code, result.municipalityId, limit);
  }
}

/** A regional problem shows the polls about it (issue 17, the tie-in). */
@Resolver(() => Problem)
export class ProblemSurveysResolver {
  @FieldResolver(() => [Survey], { description: 'Опросы жителей по этой проблеме (в пределах прав)' })
  async surveys(@Root() problem: Problem, @Ctx() ctx: RequestContext): Promise<Survey[]> {
    const user = requireUser(ctx);
    if (!SURVEY_READERS.includes(user.role)) return [];
    const loader = ctx.loaders.named<string, Survey[]>('problemSurveys', async (ids, em) => {
      const surveys = await em.find(Survey, { problem: { $in: [...ids] } }, { orderBy: { createdAt: 'desc' } });
      return ids.map((id) => surveys.filter((s) => s.problem?.id === id));
    });
    return ((await loader.load(problem.id)) ?? []).filter((s) => surveyInScope(user, s.audienceSectors));
  }
}
