import { StructuringFeedback } from '../structuring/structuring-feedback.entity.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { Actor } from '../events/appeal-transaction.js';
import { AppealResponse, type AttachmentMeta } from '../entities/response.entity.js';
import { User } from '../entities/user.entity.js';
import { AnswerResult, AppealStatus, DeadlineState, ReviewDecision, Role } from '../entities/enums.js';
import { Category, Municipality, Organization, Sector } from '../entities/index.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { applyDuration, assertExtensionAllowed, statutoryRules } from '../deadlines/index.js';
import { badInput, conflict } from '../errors/errors.js';
import { appealDeadline } from '../appeals/appeal-deadline.js';
import { endPause, factsOf, refTo, replanDeadline, transition, type TransitionContext } from './appeal-transition.js';
import { deadlineApiError, matchUrgentRules, urgentRulesOf } from './deadline-plan.js';
import { referenceDirectoryKnowing, type OrgRef, type ReferenceDirectory } from './reference-directory.js';
import { routeAppeal } from './routing.service.js';
import { AppealAction } from './status-machine.js';
import { MAX_TEXT_LENGTH } from './appeal-intake.js';

const MAX_REASON = 2000;
const MAX_ATTACHMENTS = 50;

function requireText(value: string | null | undefined, field: string, what: string, max = MAX_REASON): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(field, `${what}: обязательно`);
  if (text.length > max) throw badInput(field, `${what}: не длиннее ${max} символов`);
  return text;
}

const optionalText = (value: string | null | undefined, field: string, max = MAX_REASON) =>
  value?.trim() ? requireText(value, field, 'Комментарий', max) : null;

/** 59-ФЗ art. 8 part 6: a complaint never goes to the body it complains about. */
function refuseComplainedBody(appeal: Appeal, org: OrgRef, field: string): void {
  if (appeal.complaintAgainst?.id === org.id) {
    throw badInput(field, `Жалоба на «${org.name}» не может быть направлена в этот орган (ч. 6 ст. 8 59-ФЗ)`);
  }
}

function requireOrg(directory: ReferenceDirectory, id: string, field: string): OrgRef {
  const org = directory.orgById.get(id);
  if (!org) throw badInput(field, `Неизвестная организация ${id}`);
  return org;
}

const orgData = (org: OrgRef | undefined | null) => (org ? { id: org.id, code: org.code } : null);

/** Routes an appeal that has none, after registration or structuring; records ASSIGNED when a body is found. */
function routeIfUnassigned(ctx: TransitionContext, directory: ReferenceDirectory): void {
  const { app, appeal } = ctx;
  if (appeal.organization || appeal.needsStructuring || appeal.status !== AppealStatus.REGISTERED) return;
  const facts = factsOf(appeal, directory);
  const plugin = app.plugins.find((p) => p.code === facts.sectorCode);
  const decision = routeAppeal(plugin, facts, directory);
  if (!decision) return;
  appeal.organization = refTo(ctx.tx.em, Organization, decision.organization.id);
  appeal.status = AppealStatus.ASSIGNED;
  ctx.tx.record({
    appeal, type: 'ASSIGNED', fromStatus: AppealStatus.REGISTERED, toStatus: AppealStatus.ASSIGNED, reason: decision.description,
    data: { organizationId: decision.organization.id, organizationCode: decision.organization.code, rule: decision.rule, auto: true },
  });
}

/** A new consideration (negative rating, reopening): the clock starts again now, the answer no longer stands. */
function startNewConsideration(ctx: TransitionContext): Record<string, unknown> {
  const { appeal, now } = ctx;
  const previous = { answeredAt: appeal.answeredAt?.toISOString() ?? null, pausedMs: Number(appeal.pausedMs), extensionDays: appeal.extensionDays };
  appeal.reopenCount += 1;
  appeal.reopenedAt = now;
  appeal.answeredAt = null;
  appeal.closedAt = null;
  appeal.pausedAt = null;
  appeal.pausedMs = 0;
  appeal.extensionDays = 0;
  const deadline = replanDeadline(ctx.app, appeal, urgentRulesOf(appeal));
  return { previous, dueAt: deadline };
}

export interface AnswerData {
  text: string;
  result: AnswerResult;
  attachments?: AttachmentMeta[] | null;
}

export interface StructureData {
  sector?: string | null;
  category: string;
  municipalityId?: string | null;
  summary?: string | null;
}

/**
 * The lifecycle's actions on existing appeals. Each is one transaction
 * through `transition` (lock, version, status machine, audit trail); the
 * GraphQL mutations and code (jobs, channel adapters) call these.
 */
export class AppealActions {
  constructor(private readonly app: AppServices) {}

  /** 59-ФЗ art. 8 part 2: the ЦУР registers a received appeal; the 30 days count from now. */
  async registerReceived(em: EntityManager, actor: Actor, id: string, expectedVersion: number) {
    const directory = await referenceDirectoryKnowing(em);
    return transition(this.app, em, actor, { id, action: AppealAction.REGISTER, expectedVersion }, (ctx) => {
      const { appeal, now } = ctx;
      const registrationDue = appeal.dueAt ?? null;
      appeal.registeredAt = now;
      const facts = factsOf(appeal, directory);
      const deadline = replanDeadline(this.app, appeal, matchUrgentRules(this.app.plugins.find((p) => p.code === facts.sectorCode), facts));
      ctx.record('REGISTERED', { data: { dueAt: deadline, registrationDueAt: registrationDue?.toISOString() ?? null, late: Boolean(registrationDue && now > registrationDue) } });
      if (appeal.organization) {
        appeal.status = AppealStatus.ASSIGNED;
        ctx.tx.record({ appeal, type: 'ASSIGNED', fromStatus: AppealStatus.REGISTERED, toStatus: AppealStatus.ASSIGNED, data: { organizationId: appeal.organization.id, rule: 'input.organization' } });
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
          throw badInput('organizationId', 'Оператор органа назначает исполнителя в своём органе или подведомственном; в другой орган — перенаправление (redirectAppeal)');
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
          organizationId: org.id, organizationCode: org.code, fromOrganizationId: previousOrg,
          assigneeId: appeal.assignee?.id ?? null, fromAssigneeId: previousAssignee, auto: false,
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
          redirectDueAt = applyDuration(this.app.calendar, appeal.registeredAt, rules.redirect.duration, this.app.config.deadlinePolicy.shiftCalendarDaysToWorkingDay);
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
          fromOrganization: orgData(fromOrg), toOrganization: orgData(org),
          redirectDueAt: redirectDueAt?.toISOString() ?? null, late: Boolean(redirectDueAt && now > redirectDueAt),
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

  /** The body's answer goes to the ЦУР for review before it reaches the author. */
  async answer(em: EntityManager, actor: Actor, id: string, input: AnswerData, expectedVersion: number) {
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
    return transition(this.app, em, actor, { id, action: AppealAction.ANSWER, expectedVersion }, (ctx) => {
      const { appeal, now, tx } = ctx;
      const pausedMs = endPause(appeal, now);
      const deadline = pausedMs ? replanDeadline(this.app, appeal, urgentRulesOf(appeal)) : null;
      const response = tx.em.create(AppealResponse, {
        appeal,
        text,
        result: input.result,
        attachments: attachments.length ? attachments : null,
        author: 'user' in actor ? actor.user.id : null,
        organizationId: appeal.organization?.id ?? null,
        createdAt: now,
      });
      ctx.record('ANSWER_SUBMITTED', { data: { responseId: response.id, result: input.result, attachments: attachments.length, resumed: pausedMs > 0, dueAt: deadline } });
    });
  }

  /** The ЦУР accepts the answer (it reaches the author, the duty is done) or returns it for rework (counts against quality). */
  async review(em: EntityManager, actor: Actor, id: string, decision: ReviewDecision, comment: string | null | undefined, expectedVersion: number) {
    const accept = decision === ReviewDecision.ACCEPT;
    const note = accept ? optionalText(comment, 'comment') : requireText(comment, 'comment', 'Причина возврата на доработку');
    return transition(this.app, em, actor, { id, action: accept ? AppealAction.REVIEW_ACCEPT : AppealAction.REVIEW_RETURN, expectedVersion }, async (ctx) => {
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
  async rate(em: EntityManager, actor: Actor, id: string, score: number, comment: string | null | undefined, expectedVersion: number | null | undefined, via: 'STAFF' | 'LINK', answerStamp?: number) {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw badInput('score', 'Оценка — целое число от 1 до 5');
    const note = optionalText(comment, 'comment');
    const negative = score <= 2;
    return transition(this.app, em, actor, { id, action: negative ? AppealAction.RATE_NEGATIVE : AppealAction.RATE, expectedVersion }, (ctx) => {
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

  /**
   * A ЦУР specialist sets what structuring could not find (decree clause 5);
   * the sector's urgent rules are re-run on the new facts, and an appeal
   * still waiting for a body is routed.
   */
  async structure(em: EntityManager, actor: Actor, id: string, input: StructureData, expectedVersion: number) {
    const directory = await referenceDirectoryKnowing(em, { categoryCodes: [input.category], municipalityIds: [input.municipalityId] });
    const category = directory.categoryByCode.get(input.category ?? '');
    if (!category || !this.app.plugins.some((p) => p.code === category.sectorCode)) throw badInput('input.category', `Неизвестная рубрика «${input.category}»`);
    if (input.sector && input.sector !== category.sectorCode) throw badInput('input.category', `Рубрика «${category.code}» не относится к блоку «${input.sector}»`);
    const municipality = input.municipalityId ? directory.municipalityById.get(input.municipalityId) : undefined;
    if (input.municipalityId && !municipality) throw badInput('input.municipalityId', `Неизвестный муниципалитет ${input.municipalityId}`);
    const summary = optionalText(input.summary, 'input.summary');
    return transition(this.app, em, actor, { id, action: AppealAction.STRUCTURE, expectedVersion }, (ctx) => {
      const { appeal, tx } = ctx;
      const before = factsOf(appeal, directory);
      // The specialist's choice beside the structurer's suggestions: material for retraining.
      tx.em.create(StructuringFeedback, {
        appeal, text: appeal.text, chosenSector: category.sectorCode, chosenCategory: category.code, at: ctx.now,
        suggested: {
          suggestions: (appeal.structuringSuggestions ?? []).map((s) => ({ sectorCode: s.sector, categoryCode: s.category, confidence: s.confidence })),
          rule: appeal.classification?.rule ?? null, confidence: appeal.classification?.confidence ?? null,
        },
      });
      appeal.sector = refTo(tx.em, Sector, category.sectorId);
      appeal.category = refTo(tx.em, Category, category.id);
      if (municipality) appeal.municipality = refTo(tx.em, Municipality, municipality.id);
      if (summary) appeal.summary = summary;
      appeal.needsStructuring = false;
      appeal.classification = { rule: 'manual', confidence: 1 };
      const facts = factsOf(appeal, directory);
      const deadline = replanDeadline(this.app, appeal, matchUrgentRules(this.app.plugins.find((p) => p.code === facts.sectorCode), facts));
      ctx.record('STRUCTURED', {
        data: {
          from: { sector: before.sectorCode, category: before.categoryCode, municipality: before.municipalityCode },
          to: { sector: facts.sectorCode, category: facts.categoryCode, municipality: facts.municipalityCode },
          dueAt: deadline,
        },
      });
      routeIfUnassigned(ctx, directory);
    });
  }
}
