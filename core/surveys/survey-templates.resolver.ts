import { Arg, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { notFound } from '../errors/errors.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Survey } from './survey.entity.js';
import { SurveyAudienceInput } from './rules/survey.input.js';
import { SurveyQuestion } from './survey.types.js';
import { createSurvey } from './survey.service.js';
import { normalizeSurvey } from './rules/survey.rules.js';
import { surveyTemplatesFor } from './survey-templates.js';
import { templateInput } from '../plugin-api/survey-template-check.js';
import type { SurveysServices } from './survey.service.js';

@ObjectType({ description: 'Шаблон опроса, предложенный отраслевым блоком' })
export class SurveyTemplate {
  @Field(() => String, { description: 'Код шаблона (<блок>.<имя>)' }) code!: string;
  @Field(() => String, { description: 'Отраслевой блок (код)' }) sector!: string;
  @Field(() => String, { description: 'Отраслевой блок' }) sectorName!: string;
  @Field(() => String, { description: 'Название опроса' }) title!: string;
  @Field(() => String, { nullable: true, description: 'Описание для жителей' }) description!: string | null;
  @Field(() => [SurveyQuestion], { description: 'Вопросы' }) questions!: SurveyQuestion[];
}

/** Sector question templates: listed from the enabled plugins, a draft survey made of one. */
@Resolver()
export class SurveyTemplateResolver {
  @Query(() => [SurveyTemplate], { description: 'Шаблоны опросов отраслевых блоков (блок видит свои)' })
  surveyTemplates(
    @Ctx() ctx: RequestContext<SurveysServices>,
    @Arg('sector', () => String, { nullable: true, description: 'Только этого блока' }) sector?: string | null,
  ): SurveyTemplate[] {
    return surveyTemplatesFor(ctx.app.plugins, requireUser(ctx), sector).map(({ sector: code, sectorName, template }) => ({
      code: template.code,
      sector: code,
      sectorName,
      title: template.title,
      description: template.description ?? null,
      questions: normalizeSurvey(templateInput(template), 'template').questions,
    }));
  }

  @Mutation(() => Survey, { description: 'Черновик опроса по шаблону блока: вопросы шаблона, аудитория — блок (если не задана)' })
  async createSurveyFromTemplate(
    @Ctx() ctx: RequestContext<SurveysServices>,
    @Arg('templateCode', () => String, { description: 'Код шаблона' }) templateCode: string,
    @Arg('title', () => String, { nullable: true, description: 'Своё название (по умолчанию — шаблона)' }) title?: string | null,
    @Arg('audience', () => SurveyAudienceInput, { nullable: true, description: 'Аудитория (по умолчанию — блок шаблона)' })
    audience?: SurveyAudienceInput | null,
    @Arg('opensAt', () => DateTime, { nullable: true, description: 'Начало приёма ответов' }) opensAt?: Date | null,
    @Arg('closesAt', () => DateTime, { nullable: true, description: 'Окончание приёма ответов' }) closesAt?: Date | null,
    @Arg('followUpAfterRating', () => Boolean, { nullable: true, description: 'Задавать после оценки ответа авторам обращений аудитории' })
    followUpAfterRating?: boolean | null,
  ): Promise<Survey> {
    const user = requireUser(ctx);
    const found = surveyTemplatesFor(ctx.app.plugins, user).find((t) => t.template.code === templateCode);
    if (!found) throw notFound('Шаблон опроса', templateCode);
    const input = templateInput(found.template);
    return createSurvey(ctx.app, ctx.em, user, {
      ...input,
      title: title ?? input.title,
      opensAt: opensAt ?? null,
      closesAt: closesAt ?? null,
      audience: audience ?? { sectors: [found.sector] },
      followUpAfterRating: followUpAfterRating ?? false,
    });
  }
}
