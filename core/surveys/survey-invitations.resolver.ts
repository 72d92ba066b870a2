import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import { requireUser } from '../auth/require-user.js';
import { setSurveyConsent } from './survey-consent.service.js';

@ObjectType({ description: 'Согласие автора обращения участвовать в опросах записано' })
export class SurveyConsentReceipt {
  @Field(() => Boolean, { description: 'Записанное согласие: да или отказ' }) consent!: boolean;
  @Field(() => Int, { description: 'Сколько контактов автора (e-mail, телефон) оно касается' }) contacts!: number;
}

@Resolver()
export class SurveyInvitationResolver {
  @Mutation(() => SurveyConsentReceipt, {
    description: 'Записать согласие (или отказ) автора обращения участвовать в опросах ЦУР — для его e-mail и телефона из обращения',
  })
  async setSurveyConsent(
    @Arg('appealId', () => ID, { description: 'Обращение, в котором автор дал (или отозвал) согласие' }) appealId: string,
    @Arg('consent', () => Boolean, { description: 'Согласен ли автор получать приглашения к опросам' }) consent: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<SurveyConsentReceipt> {
    const contacts = await setSurveyConsent(ctx.app, ctx.em, requireUser(ctx), appealId, consent);
    return { consent, contacts };
  }
}
