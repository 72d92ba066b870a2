import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { setSurveyConsent } from './survey-consent.service.js';
import { sendSurveyInvitations } from './survey-audience-invitations.js';
import type { CoreServices } from '../config/core-services.js';

@ObjectType({ description: 'Согласие автора обращения участвовать в опросах записано' })
export class SurveyConsentReceipt {
  @Field(() => Boolean, { description: 'Записанное согласие: да или отказ' }) consent!: boolean;
  @Field(() => Int, { description: 'Сколько контактов автора (e-mail, телефон) оно касается' }) contacts!: number;
}

@ObjectType({ description: 'Итог рассылки приглашений к опросу' })
export class SurveyInvitationReport {
  @Field(() => Int, { description: 'Сколько контактов приглашено сейчас (приглашённые раньше не повторяются)' }) invited!: number;
  @Field(() => Int, { description: 'Сколько контактов аудитории согласились участвовать в опросах и не отписались' }) contacts!: number;
}

@Resolver()
export class SurveyInvitationResolver {
  @Mutation(() => SurveyConsentReceipt, {
    description: 'Записать согласие (или отказ) автора обращения участвовать в опросах ЦУР — для его e-mail и телефона из обращения',
  })
  async setSurveyConsent(
    @Arg('appealId', () => ID, { description: 'Обращение, в котором автор дал (или отозвал) согласие' }) appealId: string,
    @Arg('consent', () => Boolean, { description: 'Согласен ли автор получать приглашения к опросам' }) consent: boolean,
    @Ctx() ctx: RequestContext<CoreServices>,
  ): Promise<SurveyConsentReceipt> {
    const contacts = await setSurveyConsent(ctx.app, ctx.em, requireUser(ctx), appealId, consent);
    return { consent, contacts };
  }

  @Mutation(() => SurveyInvitationReport, {
    description: 'Разослать ссылку на идущий опрос авторам обращений аудитории, согласившимся на опросы: через очередь уведомлений, каждому контакту один раз',
  })
  sendSurveyInvitations(
    @Arg('surveyId', () => ID, { description: 'Опрос' }) surveyId: string,
    @Ctx() ctx: RequestContext<CoreServices>,
  ): Promise<SurveyInvitationReport> {
    return sendSurveyInvitations(ctx.app, ctx.em, requireUser(ctx), surveyId);
  }
}
