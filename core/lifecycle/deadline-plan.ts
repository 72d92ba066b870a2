import type { AppealFacts, SectorPlugin } from '../plugin-api/index.js';
import {
  applyDuration,
  CalendarYearMissingError,
  computeDeadline,
  DeadlineExtensionError,
  DeadlineInputError,
  statutoryRules,
  UnknownChannelError,
  type DeadlineDuration,
  type DeadlinePolicy,
  type WorkingCalendar,
} from '../deadlines/index.js';
import type { Appeal, DeadlineRuleTrace } from '../entities/appeal.entity.js';
import { AppealStatus } from '../entities/enums.js';
import { appError, badInput } from '../errors/errors.js';

/** What the deadline of an appeal depends on. */
export interface DeadlineSubject {
  channel: string;
  fz59: boolean;
  status: AppealStatus;
  receivedAt: Date;
  registeredAt?: Date | null;
  reopenedAt?: Date | null;
  reactedAt?: Date | null;
  extensionDays: number;
  pausedMs: number;
}

export interface UrgentRule {
  code: string;
  description: string;
  answerWithin: DeadlineDuration;
}

export interface PlannedDeadline {
  dueAt: Date;
  startsAt: Date;
  rules: DeadlineRuleTrace[];
  decidingRule: string;
}

/** A sector plugin's shorter rules that apply to these facts (DOMAIN.md: urgent categories). */
export function matchUrgentRules(plugin: SectorPlugin | undefined, facts: AppealFacts): UrgentRule[] {
  if (!plugin) return [];
  return (plugin.deadlines ?? [])
    .filter((rule) => !rule.categories?.length || (facts.categoryCode !== null && rule.categories.includes(facts.categoryCode)))
    .filter((rule) => !rule.when || rule.when(facts))
    .map((rule) => ({ code: rule.code, description: rule.description, answerWithin: rule.answerWithin }));
}

/** The urgent rules kept in an appeal's deadline trace. */
export function urgentRulesOf(appeal: Pick<Appeal, 'deadlineRules'>): UrgentRule[] {
  return (appeal.deadlineRules ?? [])
    .filter((rule) => rule.source === 'urgent' && rule.answerWithin)
    .map((rule) => ({ code: rule.code, description: rule.description, answerWithin: rule.answerWithin! }));
}

const trace = (code: string, description: string, dueAt: Date, source: 'statutory' | 'urgent', answerWithin?: DeadlineDuration): DeadlineRuleTrace => ({
  code,
  description,
  dueAt: dueAt.toISOString(),
  source,
  ...(answerWithin ? { answerWithin } : {}),
});

/**
 * The deadline of the appeal's current stage, with every rule considered:
 * - a 59-ФЗ appeal not yet registered: registration within 3 days of receipt
 *   (art. 8 part 2);
 * - an incident nobody has reacted to: the first reaction (4 hours) or the
 *   answer, whichever is earlier;
 * - otherwise the answer: the channel's statutory term (extended, if so)
 *   folded with the sector's urgent rules, the earliest winning.
 * A reopened appeal is a new consideration: its clock starts at the reopening.
 * Paused time moves every rule's end (the clock stood still).
 */
export function planDeadline(subject: DeadlineSubject, urgent: UrgentRule[], calendar: WorkingCalendar, policy: DeadlinePolicy): PlannedDeadline {
  const statutory = statutoryRules(subject.channel, subject.fz59, policy);
  const pausedMs = Number(subject.pausedMs) || 0;
  if (statutory.regime === 'FZ59' && subject.status === AppealStatus.NEW && statutory.registration) {
    const rule = statutory.registration;
    const dueAt = new Date(applyDuration(calendar, subject.receivedAt, rule.duration, policy.shiftCalendarDaysToWorkingDay).getTime() + pausedMs);
    return { dueAt, startsAt: subject.receivedAt, rules: [trace(rule.code, rule.description, dueAt, 'statutory')], decidingRule: rule.code };
  }
  const start = subject.reopenedAt ?? subject.receivedAt;
  const computed = computeDeadline({
    channel: subject.channel,
    fz59: subject.fz59,
    receivedAt: start,
    registeredAt: subject.reopenedAt ?? subject.registeredAt ?? null,
    urgentRules: urgent,
    extensionDays: subject.extensionDays,
    pausedMs,
    policy,
    calendar,
  });
  const durations = new Map(urgent.map((rule) => [rule.code, rule.answerWithin]));
  const rules = computed.rules.map((rule) => trace(rule.code, rule.description, rule.dueAt, rule.source, durations.get(rule.code)));
  let plan: PlannedDeadline = { dueAt: computed.dueAt, startsAt: computed.startsAt, rules, decidingRule: computed.decidingRule };
  if (statutory.regime === 'INCIDENT' && !subject.reactedAt && !subject.reopenedAt && statutory.firstReaction && computed.firstReactionDueAt) {
    const reaction = statutory.firstReaction;
    const dueAt = new Date(computed.firstReactionDueAt.getTime() + pausedMs);
    rules.unshift(trace(reaction.code, reaction.description, dueAt, 'statutory'));
    if (dueAt < plan.dueAt) plan = { dueAt, startsAt: start, rules, decidingRule: reaction.code };
  }
  return plan;
}

/** Writes a plan onto the appeal; returns the previous due date. */
export function applyPlan(appeal: Appeal, plan: PlannedDeadline): Date | null {
  const previous = appeal.dueAt ?? null;
  appeal.dueAt = plan.dueAt;
  appeal.deadlineStartsAt = plan.startsAt;
  appeal.deadlineRules = plan.rules;
  appeal.deadlineRule = plan.decidingRule;
  return previous;
}

/**
 * The deadline engine's errors as API errors: a missing calendar year or an
 * unknown channel at intake is the input's fault (`field`); later it is a
 * state the operation cannot proceed in.
 */
export function deadlineApiError(error: unknown, field: string | null): unknown {
  if (error instanceof CalendarYearMissingError) {
    const message = `${error.message}: срок не может быть рассчитан; загрузите календарь (loadProductionCalendar)`;
    return field ? badInput(field, message, { year: error.year }) : appError('CONFLICT', message, { year: error.year });
  }
  if (error instanceof UnknownChannelError) return field ? badInput('channel', error.message) : appError('CONFLICT', error.message);
  if (error instanceof DeadlineExtensionError) {
    return error.reason === 'ALREADY_EXTENDED' ? appError('CONFLICT', error.message, { reason: error.reason }) : badInput('days', error.message);
  }
  if (error instanceof DeadlineInputError) return badInput(field ?? error.field, error.message);
  return error;
}
