import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { Appeal } from '../entities/appeal.entity.js';
import { ReviewDecision } from '../entities/enums.js';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { AppealActions } from './appeal-actions.service.js';
import { AnswerInput, StructureAppealInput } from './lifecycle.input.js';
import { renamedArgument, useInstead } from '../graphql/renamed-argument.js';
import type { LifecycleServices } from './lifecycle-services.js';

const actorOf = (ctx: RequestContext<LifecycleServices>) => ({ user: requireUser(ctx) });
const actions = (ctx: RequestContext<LifecycleServices>) => new AppealActions(ctx.app);

/** The mutations of the appeal lifecycle; every one goes through the status machine. */
@Resolver(() => Appeal)
export class AppealActionsResolver {
  @Mutation(() => Appeal, { description: 'Регистрация поступившего обращения по 59-ФЗ (модерация ЦУР); 30 дней — с этого момента' })
  registerReceived(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).registerReceived(ctx.em, actorOf(ctx), id, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Назначение ответственной организации и исполнителя' })
  assignAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('organizationId', () => ID, { description: 'Ответственная организация' }) organizationId: string,
    @Arg('assigneeId', () => ID, { nullable: true, description: 'Исполнитель в этой организации; без него — организация назначит сама' })
    assigneeId: string | null,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).assign(ctx.em, actorOf(ctx), id, organizationId, assigneeId, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Перенаправление по компетенции с указанием причины (ч. 3 ст. 8 59-ФЗ)' })
  redirectAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('organizationId', () => ID, { nullable: true, description: 'Организация, в которую перенаправить (обязательна; устаревшее имя — toOrganizationId)' })
    organizationId: string | null,
    @Arg('toOrganizationId', () => ID, {
      nullable: true,
      description: 'Прежнее имя organizationId',
      deprecationReason: useInstead('organizationId', 'организация во всех операциях — organizationId'),
    })
    toOrganizationId: string | null,
    @Arg('reason', () => String, { description: 'Причина перенаправления (обязательна)' }) reason: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    const target = renamedArgument({ name: 'organizationId', value: organizationId }, { name: 'toOrganizationId', value: toOrganizationId });
    return actions(ctx).redirect(ctx.em, actorOf(ctx), id, target, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Продление срока: один раз, не более чем на 30 дней, с обоснованием (ч. 2 ст. 12 59-ФЗ)' })
  extendDeadline(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('reason', () => String, { description: 'Обоснование продления (обязательно)' }) reason: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Arg('days', () => Int, { nullable: true, description: 'Дней продления; по умолчанию наибольшее допустимое (30)' }) days: number | null,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).extend(ctx.em, actorOf(ctx), id, reason, days, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Взять обращение в работу' })
  startWork(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).startWork(ctx.em, actorOf(ctx), id, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Приостановить срок: запрошено уточнение у автора' })
  pauseAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('reason', () => String, { description: 'Что запрошено у автора' }) reason: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).pause(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Возобновить срок; время паузы сдвигает срок' })
  resumeAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Arg('comment', () => String, { nullable: true, description: 'Комментарий: что получено от автора' }) comment: string | null,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).resume(ctx.em, actorOf(ctx), id, comment, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Ответ органа; поступает на проверку в ЦУР' })
  answerAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('input', () => AnswerInput, { description: 'Ответ органа' }) input: AnswerInput,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).answer(ctx.em, actorOf(ctx), id, input, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Проверка ответа ЦУР: принять (ответ уходит автору) или вернуть на доработку' })
  reviewAnswer(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('decision', () => ReviewDecision, { description: 'Принять или вернуть на доработку' }) decision: ReviewDecision,
    @Arg('comment', () => String, { nullable: true, description: 'Комментарий (причина возврата)' }) comment: string | null,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).review(ctx.em, actorOf(ctx), id, decision, comment, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Оценка ответа автором (1–5), например по телефонному опросу; 1–2 возобновляет рассмотрение' })
  rateAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('score', () => Int, { description: 'Оценка автора, 1..5: 1–2 открывают обращение повторно' }) score: number,
    @Arg('comment', () => String, { nullable: true, description: 'Комментарий автора' }) comment: string | null,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number | null,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).rate(ctx.em, actorOf(ctx), id, score, comment, expectedVersion, 'STAFF');
  }

  @Mutation(() => Appeal, { description: 'Отклонить обращение с указанием причины' })
  rejectAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('reason', () => String, { description: 'Причина (обязательна), например основание по ст. 11 59-ФЗ' }) reason: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).reject(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Возобновить рассмотрение (например, по повторному обращению)' })
  reopenAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('reason', () => String, { description: 'Причина повторного рассмотрения' }) reason: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).reopen(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Закрыть обращение, по которому дан ответ' })
  closeAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Arg('reason', () => String, { nullable: true, description: 'Причина закрытия без оценки' }) reason: string | null,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).close(ctx.em, actorOf(ctx), id, reason, expectedVersion);
  }

  @Mutation(() => Appeal, { description: 'Ручная структуризация: блок, рубрика, муниципалитет' })
  structureAppeal(
    @Arg('id', () => ID, { description: 'Идентификатор обращения (UUID)' }) id: string,
    @Arg('input', () => StructureAppealInput, { description: 'Отрасль, рубрика, муниципалитет, краткое содержание' }) input: StructureAppealInput,
    @Arg('expectedVersion', () => Int, {
      description: 'Версия обращения, которую видел клиент (Appeal.version); если обращение уже изменилось — CONFLICT с extensions.currentVersion',
    })
    expectedVersion: number,
    @Ctx() ctx: RequestContext<LifecycleServices>,
  ) {
    return actions(ctx).structure(ctx.em, actorOf(ctx), id, input, expectedVersion);
  }
}
