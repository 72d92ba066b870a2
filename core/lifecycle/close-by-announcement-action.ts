import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from './lifecycle-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { AppealResponse } from '../entities/response.entity.js';
import { User } from '../entities/user.entity.js';
import { AnswerResult, ReviewDecision } from '../entities/enums.js';
import { appealDeadline } from '../appeals/appeal-deadline.js';
import { endPause, refTo, replanDeadline, transition } from './appeal-transition.js';
import { urgentRulesOf } from './deadline-plan.js';
import { AppealAction } from './status-machine.js';

/** The announcement that stands as the appeal's answer, as the announcements module vouches for it. */
export interface AnnouncementAnswer {
  announcementId: string;
  title: string;
  body: string;
  /** The body that speaks in the announcement: the answer's organization. */
  organizationId: string | null;
}

/**
 * The ЦУР closes an appeal as answered by a published announcement (the
 * status machine's CLOSE_BY_ANNOUNCEMENT; DOMAIN.md: the answer reaches the
 * author when the ЦУР gives it). One transaction through `transition`: the
 * appeal locked, its version and status checked; `answerFor` (the
 * announcements module) checks the announcement under the same transaction
 * and returns it; a running pause ends; the answer is recorded as an
 * accepted response, `answeredAt` set (the deadline is MET or MISSED by it)
 * and the appeal closed; the author may still rate it (RATE/RATE_NEGATIVE
 * from CLOSED), a 1–2 reopens it.
 */
export function closeByAnnouncement(
  app: LifecycleServices,
  em: EntityManager,
  actor: Actor,
  id: string,
  expectedVersion: number,
  answerFor: (em: EntityManager, appeal: Appeal) => Promise<AnnouncementAnswer>,
) {
  return transition(app, em, actor, { id, action: AppealAction.CLOSE_BY_ANNOUNCEMENT, expectedVersion }, async (ctx) => {
    const { appeal, now, tx } = ctx;
    const answer = await answerFor(tx.em, appeal);
    const pausedMs = endPause(appeal, now);
    const deadline = pausedMs ? replanDeadline(app, appeal, urgentRulesOf(appeal)) : null;
    const reviewer = 'user' in actor ? refTo(tx.em, User, actor.user.id) : null;
    const response = tx.em.create(AppealResponse, {
      appeal,
      text: `${answer.title}\n\n${answer.body}`,
      result: AnswerResult.EXPLAINED,
      attachments: null,
      author: 'user' in actor ? actor.user.id : null,
      organizationId: answer.organizationId,
      createdAt: now,
      reviewDecision: ReviewDecision.ACCEPT,
      reviewer,
      reviewedAt: now,
    });
    appeal.answeredAt = now;
    appeal.closedAt = now;
    ctx.record('ANSWERED_BY_ANNOUNCEMENT', {
      reason: `Ответ дан объявлением «${answer.title}»`,
      data: {
        announcementId: answer.announcementId,
        title: answer.title,
        responseId: response.id,
        deadlineState: appealDeadline(appeal, now).state,
        resumed: pausedMs > 0,
        dueAt: deadline,
      },
    });
  });
}
