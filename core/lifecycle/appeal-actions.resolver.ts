import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Appeal } from '../entities/appeal.entity.js';
import { ReviewDecision } from '../entities/enums.js';
import type { RequestContext } from '../graphql/context.js';
import { requireUser } from '../auth/require-user.js';
import { AppealActions } from './appeal-actions.service.js';
import { AnswerInput, StructureAppealInput } from './lifecycle.input.js';

const actorOf = (ctx: RequestContext) => ({ user: requireUser(ctx) });
const actions = (ctx: RequestContext) => new AppealActions(ctx.app);

/** The mutations of the appeal lifecycle; every one goes through the status machine. */
@Resolver(() => Appeal)
export class AppealActionsResolver {
  @Mutation(() => Appeal, { description: 'Регистрация поступившего обращения по 59-ФЗ (модерация ЦУР); 30 дней — с этого момента' })
  registerReceived(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: RequestContext) {
    return actions(ctx).registerReceived(ctx.em, actorOf(ctx), id, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Назначение ответственной организации и исполнителя' })
  assignAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId: string | null,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).assign(ctx.em, actorOf(ctx), id, organizationId, assigneeId, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Перенаправление по компетенции с указанием причины (ч. 3 ст. 8 59-ФЗ)' })
  redirectAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('toOrganizationId', () => ID) toOrganizationId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).redirect(ctx.em, actorOf(ctx), id, toOrganizationId, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Продление срока: один раз, не более чем на 30 дней, с обоснованием (ч. 2 ст. 12 59-ФЗ)' })
  extendDeadline(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('days', () => Int, { nullable: true, description: 'Дней продления; по умолчанию наибольшее допустимое (30)' }) days: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).extend(ctx.em, actorOf(ctx), id, reason, days, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Взять обращение в работу' })
  startWork(@Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int) expectedVersion: number, @Ctx() ctx: RequestContext) {
    return actions(ctx).startWork(ctx.em, actorOf(ctx), id, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Приостановить срок: запрошено уточнение у автора' })
  pauseAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).pause(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Возобновить срок; время паузы сдвигает срок' })
  resumeAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).resume(ctx.em, actorOf(ctx), id, comment, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Ответ органа; поступает на проверку в ЦУР' })
  answerAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AnswerInput) input: AnswerInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).answer(ctx.em, actorOf(ctx), id, input, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Проверка ответа ЦУР: принять (ответ уходит автору) или вернуть на доработку' })
  reviewAnswer(
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => ReviewDecision) decision: ReviewDecision,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).review(ctx.em, actorOf(ctx), id, decision, comment, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Оценка ответа автором (1–5), например по телефонному опросу; 1–2 возобновляет рассмотрение' })
  rateAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('score', () => Int) score: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).rate(ctx.em, actorOf(ctx), id, score, comment, expectedVersion, 'STAFF');
  }

  @Mutation(() => Appeal, { description: 'Отклонить обращение с указанием причины' })
  rejectAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).reject(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Возобновить рассмотрение (например, по повторному обращению)' })
  reopenAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).reopen(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Закрыть обращение, по которому дан ответ' })
  closeAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).close(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Ручная структуризация: блок, рубрика, муниципалитет' })
  structureAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => StructureAppealInput) input: StructureAppealInput,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Ctx() ctx: RequestContext,
  ) {
    return actions(ctx).structure(ctx.em, actorOf(ctx), id, input, expectedVersion);
  }
}
