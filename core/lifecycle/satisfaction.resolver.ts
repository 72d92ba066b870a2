import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { AppealStatus } from '../entities/enums.js';
import { AppealActions } from './appeal-actions.service.js';
import { SatisfactionLink, SatisfactionReceipt } from './lifecycle-types.js';
import { issueSatisfactionLink, rateByLink } from './satisfaction-link.js';
import type { LifecycleServices } from './lifecycle-services.js';

@Resolver()
export class SatisfactionResolver {
  @Mutation(() => SatisfactionLink, { description: 'Ссылка для оценки ответа автором без входа в систему (однократная, с ограниченным сроком)' })
  issueSatisfactionLink(
    @Arg('id', () => ID, { description: 'Идентификатор обращения, на которое дан ответ (UUID)' }) id: string,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return issueSatisfactionLink(ctx.app, ctx.em, requireUser(ctx), id);
  }

  @Mutation(() => SatisfactionReceipt, { description: 'Оценка ответа по ссылке (без входа): 1–5' })
  async rateAppealByLink(
    @Arg('token', () => String, { description: 'Токен из ссылки (SatisfactionLink.token)' }) token: string,
    @Arg('score', () => Int, { description: 'Оценка, 1..5: 1–2 открывают обращение повторно' }) score: number,
    @Arg('comment', () => String, { nullable: true, description: 'Комментарий автора' }) comment: string | null,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ): Promise<SatisfactionReceipt> {
    const appeal = await rateByLink(ctx.app, ctx.em, new AppealActions(ctx.app), token, score, comment);
    return { number: appeal.number, score, reopened: appeal.status === AppealStatus.REOPENED };
  }
}
