import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from './lifecycle-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import { AppealResponse, type AttachmentMeta } from '../entities/response.entity.js';
import { User } from '../entities/user.entity.js';
import { AnswerResult, ReviewDecision } from '../entities/enums.js';
import { badInput, conflict } from '../errors/errors.js';
import { appealDeadline } from '../appeals/appeal-deadline.js';
import { endPause, refTo, replanDeadline, transition } from './appeal-transition.js';
import { urgentRulesOf } from './deadline-plan.js';
import { AppealAction } from './status-machine.js';
import { MAX_TEXT_LENGTH } from './appeal-intake.js';
import { MAX_ATTACHMENTS, optionalText, requireText, startNewConsideration } from './action-helpers.js';

/* The answer's part of the lifecycle: the body answers, the ЦУР reviews, the author rates (AppealActions delegates here). */

export interface AnswerData {
  text: string;
  result: AnswerResult;
  attachments?: AttachmentMeta[] | null;
}

/** The body's answer goes to the ЦУР for review before it reaches the author. */
export async function answerAppeal(app: LifecycleServices, em: EntityManager, actor: Actor, id: string, input: AnswerData, expectedVersion: number) {
  const text = requireText(input.text, 'input.text', 'Текст ответа', MAX_TEXT_LENGTH);
  if (!Object.values(AnswerResult).includes(input.result)) throw badInput('input.result', 'Неизвестный результат рассмотрения');
  const attachments = (input.attachments ?? []).map((a, i) => ({
    name: requireText(a.name, `input.attachments.${i}.name`, 'Имя файла', 300),
    url: a.url?.trim() || null,
    mimeType: a.mimeType?.trim() || null,
    sizeBytes: a.sizeBytes ?? null,
  }));
  if (attachments.length > MAX_ATTACHMENTS) throw badInput('input.attachments', `Не более ${MAX_ATTACHMENTS} вложений`);
  if (attachments.some((a) => a.sizeBytes != null && (!Number.isInteger(a.sizeBytes) || a.sizeBytes < 0))) {
    throw badInput('input.attachments', 'Размер вложения: целое неотрицательное число байт');
  }
  return transition(app, em, actor, { id, action: AppealAction.ANSWER, expectedVersion }, (ctx) => {
    const { appeal, now, tx } = ctx;
    const pausedMs = endPause(appeal, now);
    const deadline = pausedMs ? replanDeadline(app, appeal, urgentRulesOf(appeal)) : null;
    const response = tx.em.create(AppealResponse, {
      appeal,
      text,
      result: input.result,
      attachments: attachments.length ? attachments : null,
      author: 'user' in actor ? actor.user.id : null,
      organizationId: appeal.organization?.id ?? null,
      createdAt: now,
    });
    ctx.record('ANSWER_SUBMITTED', {
      data: { responseId: response.id, result: input.result, attachments: attachments.length, resumed: pausedMs > 0, dueAt: deadline },
    });
  });
}

/** The ЦУР accepts the answer (it reaches the author, the duty is done) or returns it for rework (counts against quality). */
export async function reviewAnswer(
  app: LifecycleServices,
  em: EntityManager,
  actor: Actor,
  id: string,
  decision: ReviewDecision,
  comment: string | null | undefined,
  expectedVersion: number,
) {
  const accept = decision === ReviewDecision.ACCEPT;
  const note = accept ? optionalText(comment, 'comment') : requireText(comment, 'comment', 'Причина возврата на доработку');
  return transition(app, em, actor, { id, action: accept ? AppealAction.REVIEW_ACCEPT : AppealAction.REVIEW_RETURN, expectedVersion }, async (ctx) => {
    const { appeal, now, tx } = ctx;
    const response = await tx.em.findOne(AppealResponse, { appeal: appeal.id, reviewDecision: null }, { orderBy: { createdAt: 'desc' } });
    if (!response) throw conflict('Нет ответа, ожидающего проверки');
    response.reviewDecision = decision;
    response.reviewComment = note;
    response.reviewer = 'user' in actor ? refTo(tx.em, User, actor.user.id) : null;
    response.reviewedAt = now;
    if (accept) {
      appeal.answeredAt = now;
      ctx.record('ANSWER_ACCEPTED', {
        reason: note,
        data: { responseId: response.id, result: response.result, deadlineState: appealDeadline(appeal, now).state },
      });
    } else {
      appeal.reworkCount += 1;
      ctx.record('ANSWER_RETURNED', { reason: note, data: { responseId: response.id, reworkCount: appeal.reworkCount } });
    }
  });
}

/**
 * The author's rating of the answer, 1..5, once per answer. 1-2 is
 * negative (DOMAIN.md "Satisfaction"): the appeal is reopened for the same
 * body and counts against its quality; 3-5 closes it.
 */
export async function rateAnswer(
  app: LifecycleServices,
  em: EntityManager,
  actor: Actor,
  id: string,
  score: number,
  comment: string | null | undefined,
  expectedVersion: number | null | undefined,
  via: 'STAFF' | 'LINK',
  answerStamp?: number,
) {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw badInput('score', 'Оценка — целое число от 1 до 5');
  const note = optionalText(comment, 'comment');
  const negative = score <= 2;
  return transition(app, em, actor, { id, action: negative ? AppealAction.RATE_NEGATIVE : AppealAction.RATE, expectedVersion }, (ctx) => {
    const { appeal, now } = ctx;
    if (!appeal.answeredAt) throw conflict('Нет ответа, который можно оценить');
    if (answerStamp !== undefined && answerStamp !== appeal.answeredAt.getTime()) {
      throw conflict('Ссылка относится к прежнему ответу; оцените последний ответ');
    }
    if (appeal.ratedAt && appeal.ratedAt >= appeal.answeredAt) throw conflict('Ответ уже оценён');
    appeal.satisfactionScore = score;
    appeal.satisfactionComment = note;
    appeal.ratedAt = now;
    if (negative) {
      const reopened = startNewConsideration(ctx);
      ctx.record('RATED', { reason: note, data: { score, via, negative, ...reopened } });
    } else {
      appeal.closedAt ??= now;
      ctx.record('RATED', { reason: note, data: { score, via, negative } });
    }
  });
}
