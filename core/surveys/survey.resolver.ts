import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { pgQuery } from '../db/pg-query.js';
import { readPageArgs, toConnection } from '../graphql/pagination.js';
import { Survey } from './survey.entity.js';
import { SurveyAnswerInput, SurveyFilter, SurveyInput, SurveyResponseRowInput } from './rules/survey.input.js';
import { ImportSurveyResponsesPayload, SurveyConnection, SurveyLinkInfo, SurveySubmission } from './survey.types.js';
import { copySurvey, createSurvey, findSurvey, moveSurvey, updateSurvey } from './survey.service.js';
import { issueSurveyLinks, submitSurveyResponse } from './survey-links.service.js';
import { importSurveyResponses } from './survey-import.service.js';
import { notifySurveyChanged } from './survey-live.js';
import { surveyScopeSql } from './survey-access.js';
import { errorCode } from '../errors/errors.js';
import type { SurveysServices } from './survey.service.js';

/** Polls of residents (the decree, clause 8): API.md, "The decree's other functions". */
@Resolver()
export class SurveyResolver {
  @Query(() => SurveyConnection, { description: 'Опросы жителей (новые сначала), в пределах прав вызывающего' })
  async surveys(
    @Ctx() ctx: RequestContext<SurveysServices>,
    @Arg('filter', () => SurveyFilter, { nullable: true, description: 'Отбор' }) filter?: SurveyFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Сколько с начала' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Курсор, после которого' }) after?: string | null,
    @Arg('last', () => Int, { nullable: true, description: 'Сколько с конца' }) last?: number | null,
    @Arg('before', () => String, { nullable: true, description: 'Курсор, до которого' }) before?: string | null,
  ) {
    const user = requireUser(ctx);
    const page = readPageArgs({ first, after, last, before }, 2);
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      values.push(value);
      conditions.push(sql(values.length));
    };
    const scope = surveyScopeSql(user, 's', values.length + 1);
    if (scope) add(() => scope.sql, scope.value);
    if (filter?.status?.length) add((n) => `s.status::text = any($${n}::text[])`, filter.status);
    if (filter?.problemId) add((n) => `s.problem_id = $${n}`, filter.problemId);
    if (filter?.sector) add((n) => `$${n} = any(s.audience_sectors)`, filter.sector);
    const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
    const countValues = [...values];
    let cursor = '';
    if (page.cursor) {
      const [at, id] = page.cursor as [string, string];
      values.push(at, id);
      const op = page.direction === 'forward' ? '<' : '>';
      cursor = `${where ? ' and' : 'where'} (s.created_at, s.id) ${op} ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
    }
    const order = page.direction === 'forward' ? 'desc' : 'asc';
    values.push(page.limit + 1);
    const rows = await pgQuery(
      ctx.em,
      `select s.* from survey s ${where}${cursor} order by s.created_at ${order}, s.id ${order} limit $${values.length}`,
      values,
    );
    const surveys = rows.map((row) => ctx.em.map(Survey, row));
    return toConnection(
      surveys,
      page,
      (s) => [s.createdAt.toISOString(), s.id],
      async () => {
        const [row] = await pgQuery<{ n: number }>(ctx.em, `select count(*)::int as n from survey s ${where}`, countValues);
        return row.n;
      },
    );
  }

  @Query(() => Survey, { nullable: true, description: 'Опрос по идентификатору' })
  async survey(@Arg('id', () => ID, { description: 'Идентификатор опроса' }) id: string, @Ctx() ctx: RequestContext<SurveysServices>): Promise<Survey | null> {
    try {
      return await findSurvey(ctx.em, requireUser(ctx), id);
    } catch (error) {
      if (errorCode(error) === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @Mutation(() => Survey, { description: 'Создать опрос (черновик)' })
  createSurvey(@Arg('input', () => SurveyInput, { description: 'Опрос' }) input: SurveyInput, @Ctx() ctx: RequestContext<SurveysServices>) {
    return createSurvey(ctx.app, ctx.em, requireUser(ctx), input);
  }

  @Mutation(() => Survey, { description: 'Изменить опрос, пока на него не отвечали (иначе — copySurvey)' })
  updateSurvey(
    @Arg('id', () => ID, { description: 'Опрос' }) id: string,
    @Arg('input', () => SurveyInput, { description: 'Новое содержание' }) input: SurveyInput,
    @Arg('expectedVersion', () => Int, { description: 'Версия, которую видел пользователь' }) expectedVersion: number,
    @Ctx() ctx: RequestContext<SurveysServices>,
  ) {
    return updateSurvey(ctx.app, ctx.em, requireUser(ctx), id, input, expectedVersion);
  }

  @Mutation(() => Survey, { description: 'Новая версия опроса: черновик с теми же вопросами и аудиторией' })
  copySurvey(@Arg('id', () => ID, { description: 'Опрос' }) id: string, @Ctx() ctx: RequestContext<SurveysServices>) {
    return copySurvey(ctx.app, ctx.em, requireUser(ctx), id);
  }

  @Mutation(() => Survey, { description: 'Открыть опрос: начать приём ответов' })
  openSurvey(
    @Arg('id', () => ID, { description: 'Опрос' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'Версия, которую видел пользователь' }) expectedVersion: number,
    @Ctx() ctx: RequestContext<SurveysServices>,
  ) {
    return moveSurvey(ctx.app, ctx.em, requireUser(ctx), id, expectedVersion, 'OPENED');
  }

  @Mutation(() => Survey, { description: 'Завершить опрос: ответы по ссылкам больше не принимаются' })
  async closeSurvey(
    @Arg('id', () => ID, { description: 'Опрос' }) id: string,
    @Arg('expectedVersion', () => Int, { description: 'Версия, которую видел пользователь' }) expectedVersion: number,
    @Ctx() ctx: RequestContext<SurveysServices>,
  ) {
    const survey = await moveSurvey(ctx.app, ctx.em, requireUser(ctx), id, expectedVersion, 'CLOSED');
    notifySurveyChanged(survey.id);
    return survey;
  }

  @Mutation(() => [SurveyLinkInfo], {
    description: 'Одноразовые ссылки для ответа без входа: числом или по одной каждому автору обращений аудитории с контактом',
  })
  issueSurveyLinks(
    @Arg('surveyId', () => ID, { description: 'Опрос' }) surveyId: string,
    @Ctx() ctx: RequestContext<SurveysServices>,
    @Arg('count', () => Int, { nullable: true, description: 'Сколько ссылок' }) count?: number | null,
    @Arg('forAudience', () => Boolean, { nullable: true, description: 'По ссылке каждому автору обращений аудитории, оставившему e-mail или телефон' })
    forAudience?: boolean | null,
  ) {
    return issueSurveyLinks(ctx.app, ctx.em, requireUser(ctx), surveyId, count, forAudience);
  }

  @Mutation(() => SurveySubmission, { description: 'Ответ жителя по одноразовой ссылке (без входа)' })
  submitSurveyResponse(
    @Arg('token', () => String, { description: 'Токен из ссылки' }) token: string,
    @Arg('answers', () => [SurveyAnswerInput], { description: 'Ответы' }) answers: SurveyAnswerInput[],
    @Ctx() ctx: RequestContext<SurveysServices>,
    @Arg('municipalityId', () => ID, { nullable: true, description: 'Где живёт респондент (по его словам), для разбивки и взвешивания' })
    municipalityId?: string | null,
  ) {
    return submitSurveyResponse(ctx.app, ctx.em, token, answers, municipalityId);
  }

  @Mutation(() => ImportSurveyResponsesPayload, {
    description: 'Загрузить ответы офлайн-опроса (бумажные анкеты, телефонный опрос, выгрузка ПОС): итог по каждой строке',
  })
  importSurveyResponses(
    @Arg('surveyId', () => ID, { description: 'Опрос' }) surveyId: string,
    @Arg('rows', () => [SurveyResponseRowInput], { description: 'Строки' }) rows: SurveyResponseRowInput[],
    @Ctx() ctx: RequestContext<SurveysServices>,
  ) {
    return importSurveyResponses(ctx.app, ctx.em, requireUser(ctx), surveyId, rows);
  }
}
