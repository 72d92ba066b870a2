import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from './lifecycle-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import { User } from '../entities/user.entity.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { type ReviewDecision, Role } from '../entities/enums.js';
import { Organization } from '../entities/index.js';
import { applyDuration, assertExtensionAllowed, statutoryRules } from '../deadlines/index.js';
import { badInput } from '../errors/errors.js';
import { endPause, factsOf, refTo, replanDeadline, transition } from './appeal-transition.js';
import { deadlineApiError, matchUrgentRules, urgentRulesOf } from './deadline-plan.js';
import { referenceDirectoryKnowing } from './reference-directory.js';
import { AppealAction } from './status-machine.js';
import {
  optionalText,
  orgData,
  recordAssigned,
  refuseComplainedBody,
  requireOrg,
  requireText,
  routeIfUnassigned,
  startNewConsideration,
} from './action-helpers.js';
import { answerAppeal, rateAnswer, reviewAnswer, type AnswerData } from './answer-actions.js';
import { structureAppeal, type StructureData } from './structure-action.js';
import { closeByAnnouncement, type AnnouncementAnswer } from './close-by-announcement-action.js';

export type { AnswerData } from './answer-actions.js';
export type { StructureData } from './structure-action.js';
export type { AnnouncementAnswer } from './close-by-announcement-action.js';

/** An action function's parameters after the services it is given here, so a method passing it through does not list them again. */
type WithoutServices<F> = F extends (app: LifecycleServices, ...rest: infer R) => unknown ? R : never;

/**
 * The lifecycle's actions on existing appeals. Each is one transaction
 * through `transition` (lock, version, status machine, audit trail); the
 * GraphQL mutations and code (jobs, channel adapters) call these.
 */
export class AppealActions {
  constructor(private readonly app: LifecycleServices) {}

  /** 59-ФЗ art. 8 part 2: the ЦУР registers a received appeal; the 30 days count from now. */
  async registerReceived(em: EntityManager, actor: Actor, id: string, expectedVersion: number) {
    const directory = await referenceDirectoryKnowing(em);
    return transition(this.app, em, actor, { id, action: AppealAction.REGISTER, expectedVersion }, (ctx) => {
      const { appeal, now } = ctx;
      const registrationDue = appeal.dueAt ?? null;
      appeal.registeredAt = now;
      const facts = factsOf(appeal, directory);
      const deadline = replanDeadline(
        this.app,
        appeal,
        matchUrgentRules(
          this.app.plugins.find((p) => p.code === facts.sectorCode),
          facts,
        ),
      );
      ctx.record('REGISTERED', {
        data: { dueAt: deadline, registrationDueAt: registrationDue?.toISOString() ?? null, late: Boolean(registrationDue && now > registrationDue) },
      });
      if (appeal.organization) {
        recordAssigned(ctx, { organizationId: appeal.organization.id, rule: 'input.organization' });
      } else {
        routeIfUnassigned(ctx, directory);
      }
    });
  }

  /**
   * The ЦУР names the responsible body (and optionally the executor); a
   * body's operator names the executor within the body or a body below it.
   */
  async assign(em: EntityManager, actor: Actor, id: string, organizationId: string, assigneeId: string | null | undefined, expectedVersion: number) {
    let directory = await referenceDirectoryKnowing(em, { orgIds: [organizationId] });
    return transition(this.app, em, actor, { id, action: AppealAction.ASSIGN, expectedVersion }, async (ctx) => {
      const { appeal, tx } = ctx;
      const org = requireOrg(directory, organizationId, 'organizationId');
      refuseComplainedBody(appeal, org, 'organizationId');
      if ('user' in actor && actor.user.role === Role.ORG_OPERATOR) {
        if (!actor.user.organizationId || !directory.isWithin(org.id, actor.user.organizationId)) {
          throw badInput(
            'organizationId',
            'Оператор органа назначает исполнителя в своём органе или подведомственном; в другой орган — перенаправление (redirectAppeal)',
          );
        }
      }
      let assignee: User | null = null;
      if (assigneeId) {
        assignee = await tx.em.findOne(User, { id: assigneeId, active: true });
        const assigneeOrg = assignee?.organization?.id;
        if (assigneeOrg) directory = await referenceDirectoryKnowing(em, { orgIds: [assigneeOrg] });
        if (!assignee || !assigneeOrg || !directory.isWithin(assigneeOrg, org.id)) {
          throw badInput('assigneeId', 'Исполнитель должен быть активным сотрудником назначенной организации');
        }
      }
      const previousOrg = appeal.organization?.id ?? null;
      const previousAssignee = appeal.assignee?.id ?? null;
      appeal.organization = refTo(tx.em, Organization, org.id);
      appeal.assignee = assignee ? refTo(tx.em, User, assignee.id) : previousOrg === org.id ? appeal.assignee : null;
      ctx.record('ASSIGNED', {
        data: {
          organizationId: org.id,
          organizationCode: org.code,
          fromOrganizationId: previousOrg,
          assigneeId: appeal.assignee?.id ?? null,
          fromAssigneeId: previousAssignee,
          auto: false,
        },
      });
    });
  }

  /** 59-ФЗ art. 8 part 3: to the competent body within 7 days of registration, with a reason. The deadline runs on. */
  async redirect(em: EntityManager, actor: Actor, id: string, toOrganizationId: string, reason: string, expectedVersion: number) {
    const text = requireText(reason, 'reason', 'Причина перенаправления');
    const directory = await referenceDirectoryKnowing(em, { orgIds: [toOrganizationId] });
    return transition(this.app, em, actor, { id, action: AppealAction.REDIRECT, expectedVersion }, (ctx) => {
      const { appeal, now } = ctx;
      const org = requireOrg(directory, toOrganizationId, 'toOrganizationId');
      refuseComplainedBody(appeal, org, 'toOrganizationId');
      if (appeal.organization?.id === org.id) throw badInput('toOrganizationId', 'Обращение уже у этой организации');
      let redirectDueAt: Date | null = null;
      const rules = statutoryRules(appeal.channel, appeal.fz59, this.app.config.deadlinePolicy);
      if (rules.redirect && appeal.registeredAt) {
        try {
          redirectDueAt = applyDuration(
            this.app.calendar,
            appeal.registeredAt,
            rules.redirect.duration,
            this.app.config.deadlinePolicy.shiftCalendarDaysToWorkingDay,
          );
        } catch (error) {
          throw deadlineApiError(error, null);
        }
      }
      const fromOrg = appeal.organization ? directory.orgById.get(appeal.organization.id) : null;
      appeal.organization = refTo(ctx.tx.em, Organization, org.id);
      appeal.assignee = null;
      ctx.record('REDIRECTED', {
        reason: text,
        data: {
          fromOrganization: orgData(fromOrg),
          toOrganization: orgData(org),
          redirectDueAt: redirectDueAt?.toISOString() ?? null,
          late: Boolean(redirectDueAt && now > redirectDueAt),
        },
      });
    });
  }

  /** 59-ФЗ art. 12 part 2: once, by at most 30 days (policy), with a reason, before the term has run out. */
  async extend(em: EntityManager, actor: Actor, id: string, reason: string, days: number | null | undefined, expectedVersion: number) {
    const text = requireText(reason, 'reason', 'Основание продления');
    const policy = this.app.config.deadlinePolicy;
    const requested = days ?? policy.maxExtensionDays;
    return transition(this.app, em, actor, { id, action: AppealAction.EXTEND, expectedVersion }, (ctx) => {
      const { appeal } = ctx;
      try {
        assertExtensionAllowed({ extensionsSoFar: appeal.extensionDays > 0 ? 1 : 0, requestedDays: requested, policy });
      } catch (error) {
        throw deadlineApiError(error, 'days');
      }
      // Once, not for an urgent rule's term, not after it ran out: the EXTEND row's condition (extension-rule.ts).
      appeal.extensionDays = requested;
      const deadline = replanDeadline(this.app, appeal, urgentRulesOf(appeal));
      ctx.record('DEADLINE_EXTENDED', { reason: text, data: { days: requested, dueAt: deadline } });
    });
  }

  /** The body takes the appeal into work: the first reaction (ends an incident's reaction stage). */
  async startWork(em: EntityManager, actor: Actor, id: string, expectedVersion: number) {
    return transition(this.app, em, actor, { id, action: AppealAction.START_WORK, expectedVersion }, (ctx) => {
      const { appeal, now } = ctx;
      if (!appeal.assignee && 'user' in actor) appeal.assignee = refTo(ctx.tx.em, User, actor.user.id);
      const firstReaction = !appeal.reactedAt;
      appeal.reactedAt ??= now;
      const deadline = firstReaction ? replanDeadline(this.app, appeal, urgentRulesOf(appeal)) : null;
      ctx.record('WORK_STARTED', { data: { assigneeId: appeal.assignee?.id ?? null, firstReaction, dueAt: deadline } });
    });
  }

  /** The clock stops while the author is asked for a clarification. */
  async pause(em: EntityManager, actor: Actor, id: string, reason: string, expectedVersion: number) {
    const text = requireText(reason, 'reason', 'Причина приостановки');
    return transition(this.app, em, actor, { id, action: AppealAction.PAUSE, expectedVersion }, (ctx) => {
      ctx.appeal.pausedAt = ctx.now;
      ctx.record('PAUSED', { reason: text });
    });
  }

  /** The clock runs again; the paused time moves the deadline and is kept. */
  async resume(em: EntityManager, actor: Actor, id: string, comment: string | null | undefined, expectedVersion: number) {
    const text = optionalText(comment, 'comment');
    return transition(this.app, em, actor, { id, action: AppealAction.RESUME, expectedVersion }, (ctx) => {
      const pausedMs = endPause(ctx.appeal, ctx.now);
      const deadline = replanDeadline(this.app, ctx.appeal, urgentRulesOf(ctx.appeal));
      ctx.record('RESUMED', { reason: text, data: { pausedMs, totalPausedMs: Number(ctx.appeal.pausedMs), dueAt: deadline } });
    });
  }

  /** The body's answer goes to the ЦУР for review before it reaches the author (answer-actions.ts). */
  answer(em: EntityManager, actor: Actor, id: string, input: AnswerData, expectedVersion: number) {
    return answerAppeal(this.app, em, actor, id, input, expectedVersion);
  }

  /** The ЦУР accepts the answer or returns it for rework (answer-actions.ts). */
  review(em: EntityManager, actor: Actor, id: string, decision: ReviewDecision, comment: string | null | undefined, expectedVersion: number) {
    return reviewAnswer(this.app, em, actor, id, decision, comment, expectedVersion);
  }

  /** The author's rating of the answer, 1..5 (answer-actions.ts). */
  rate(...args: WithoutServices<typeof rateAnswer>) {
    return rateAnswer(this.app, ...args);
  }

  async reject(em: EntityManager, actor: Actor, id: string, reason: string, expectedVersion: number) {
    const text = requireText(reason, 'reason', 'Причина отклонения');
    return transition(this.app, em, actor, { id, action: AppealAction.REJECT, expectedVersion }, (ctx) => {
      endPause(ctx.appeal, ctx.now);
      ctx.appeal.closedAt = ctx.now;
      ctx.record('REJECTED', { reason: text });
    });
  }

  /** The ЦУР reopens an answered, closed or rejected appeal (e.g. on a repeated appeal on the same question). */
  async reopen(em: EntityManager, actor: Actor, id: string, reason: string, expectedVersion: number) {
    const text = requireText(reason, 'reason', 'Причина возобновления');
    return transition(this.app, em, actor, { id, action: AppealAction.REOPEN, expectedVersion }, (ctx) => {
      ctx.record('REOPENED', { reason: text, data: startNewConsideration(ctx) });
    });
  }

  /** Closes an answered appeal that was not rated (e.g. the author did not answer the survey). */
  async close(em: EntityManager, actor: Actor, id: string, reason: string | null | undefined, expectedVersion: number) {
    const text = optionalText(reason, 'reason');
    return transition(this.app, em, actor, { id, action: AppealAction.CLOSE, expectedVersion }, (ctx) => {
      ctx.appeal.closedAt = ctx.now;
      ctx.record('CLOSED', { reason: text });
    });
  }

  /** The ЦУР closes an appeal as answered by the announcement `answerFor` vouches for (close-by-announcement-action.ts). */
  closeByAnnouncement(
    em: EntityManager,
    actor: Actor,
    id: string,
    expectedVersion: number,
    answerFor: (em: EntityManager, appeal: Appeal) => Promise<AnnouncementAnswer>,
  ) {
    return closeByAnnouncement(this.app, em, actor, id, expectedVersion, answerFor);
  }

  /** A ЦУР specialist sets what structuring could not find (structure-action.ts). */
  structure(em: EntityManager, actor: Actor, id: string, input: StructureData, expectedVersion: number) {
    return structureAppeal(this.app, em, actor, id, input, expectedVersion);
  }
}
