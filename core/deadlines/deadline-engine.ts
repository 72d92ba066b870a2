import { DeadlineExtensionError, DeadlineInputError } from './deadline-errors.js';
import { deadlineDurationSchema } from './deadline-policy.js';
import { defaultDeadlinePolicy, statutoryRules, type DeadlineDuration, type DeadlinePolicy, type DeadlineRegime, type RuleSpec } from './deadline-rules.js';
import type { WorkingCalendar } from './working-calendar.js';

export { deadlineState } from './deadline-state.js';
export type { DeadlineStateInput, DeadlineStateName, DeadlineStateResult } from './deadline-state.js';

/** A sector plugin's shorter deadline, already filtered as applying by the caller. */
export interface UrgentDeadlineRule {
  code: string;
  description: string;
  answerWithin: DeadlineDuration;
}

export interface ComputeDeadlineInput {
  channel: string;
  fz59?: boolean;
  receivedAt: Date;
  /** 59-ФЗ counts from registration; until then receipt is used (the earlier, stricter start). */
  registeredAt?: Date | null;
  urgentRules?: UrgentDeadlineRule[];
  /** Calendar days of the extension granted (0 if none). */
  extensionDays?: number;
  /** Extensions granted so far; defaults to 1 when extensionDays > 0. */
  extensionCount?: number;
  /** Total time the clock was paused (completed pauses). */
  pausedMs?: number;
  policy?: DeadlinePolicy;
  calendar: WorkingCalendar;
}

export interface ConsideredRule {
  code: string;
  description: string;
  /** Due date of this rule, pauses and (statutory only) the extension included. */
  dueAt: Date;
  startsAt: Date;
  source: 'statutory' | 'urgent';
  extensionDays?: number;
}

export interface DeadlineComputation {
  dueAt: Date;
  startsAt: Date;
  /** Allowed time: dueAt - startsAt without the paused time. */
  totalMs: number;
  regime: DeadlineRegime;
  rules: ConsideredRule[];
  decidingRule: string;
  extended: boolean;
  extensionDays: number;
  pausedMs: number;
  registrationDueAt?: Date;
  redirectDueAt?: Date;
  preModerationDueAt?: Date;
  firstReactionDueAt?: Date;
}

/** Applies a duration the way the law counts it (see WorkingCalendar). */
export function applyDuration(calendar: WorkingCalendar, from: Date, d: DeadlineDuration, shiftToWorkingDay = true): Date {
  if ('hours' in d) return calendar.addHours(from, d.hours);
  if ('calendarDays' in d) return calendar.addCalendarDays(from, d.calendarDays, { shiftToWorkingDay });
  return calendar.addWorkingDays(from, d.workingDays);
}

/**
 * 59-ФЗ ст. 12 ч. 2: "в исключительных случаях" the head may extend the term
 * once, by at most 30 days, telling the author. For the extendDeadline mutation.
 */
export function assertExtensionAllowed(args: { extensionsSoFar: number; requestedDays: number; policy?: DeadlinePolicy }): void {
  const policy = args.policy ?? defaultDeadlinePolicy;
  if (args.extensionsSoFar >= policy.maxExtensions) {
    throw new DeadlineExtensionError('ALREADY_EXTENDED', `Срок уже продлевался: допускается продлений — ${policy.maxExtensions} (ч. 2 ст. 12 59-ФЗ)`);
  }
  checkExtensionDays(args.requestedDays, policy, false);
}

function checkExtensionDays(days: number, policy: DeadlinePolicy, zeroAllowed: boolean): void {
  if (!Number.isInteger(days) || days < (zeroAllowed ? 0 : 1)) {
    throw new DeadlineExtensionError('INVALID_DAYS', `Продление должно быть целым положительным числом дней, получено ${days}`);
  }
  if (days > policy.maxExtensionDays) {
    throw new DeadlineExtensionError('TOO_LONG', `Продление не более чем на ${policy.maxExtensionDays} дней (ч. 2 ст. 12 59-ФЗ), запрошено ${days}`);
  }
}

/**
 * A duration deadlineDurationSchema surely accepts (one own key of the three,
 * a positive safe integer or, for hours, a positive finite number), checked
 * without zod for every intake's urgent rules; anything else is left to the
 * schema, which decides.
 */
function plainDuration(d: unknown): boolean {
  if (typeof d !== 'object' || d === null || Object.getPrototypeOf(d) !== Object.prototype) return false;
  const keys = Object.keys(d);
  if (keys.length !== 1) return false;
  const value = (d as Record<string, unknown>)[keys[0]!];
  if (typeof value !== 'number' || !(value > 0)) return false;
  if (keys[0] === 'hours') return Number.isFinite(value);
  return (keys[0] === 'calendarDays' || keys[0] === 'workingDays') && Number.isSafeInteger(value);
}

function validDate(value: Date | null | undefined, field: string): Date | null {
  if (value == null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new DeadlineInputError(field, 'invalid date');
  return value;
}

export function computeDeadline(input: ComputeDeadlineInput): DeadlineComputation {
  const policy = input.policy ?? defaultDeadlinePolicy;
  const { calendar } = input;
  const receivedAt = validDate(input.receivedAt, 'receivedAt');
  if (!receivedAt) throw new DeadlineInputError('receivedAt', 'required');
  const registeredAt = validDate(input.registeredAt, 'registeredAt');
  const pausedMs = input.pausedMs ?? 0;
  if (!Number.isFinite(pausedMs) || pausedMs < 0) throw new DeadlineInputError('pausedMs', 'must be a non-negative number');
  const extensionDays = input.extensionDays ?? 0;
  checkExtensionDays(extensionDays, policy, true);
  const extensionCount = input.extensionCount ?? (extensionDays > 0 ? 1 : 0);
  if (extensionCount > policy.maxExtensions) {
    throw new DeadlineExtensionError('ALREADY_EXTENDED', `Срок продлевался ${extensionCount} раз(а), допускается ${policy.maxExtensions} (ч. 2 ст. 12 59-ФЗ)`);
  }

  const shift = policy.shiftCalendarDaysToWorkingDay;
  const statutory = statutoryRules(input.channel, input.fz59, policy);
  const startOf = (r: RuleSpec) => (r.from === 'registration' ? (registeredAt ?? receivedAt) : receivedAt);
  const due = (r: RuleSpec) => applyDuration(calendar, startOf(r), r.duration, shift);

  // The extension adds calendar days to the statutory term; the day-off shift
  // applies once, to the end of the extended term.
  const answer = statutory.answer;
  const answerStart = startOf(answer);
  const answerDue =
    extensionDays > 0
      ? calendar.addCalendarDays(applyDuration(calendar, answerStart, answer.duration, false), extensionDays, { shiftToWorkingDay: shift })
      : due(answer);
  const candidates: ConsideredRule[] = [
    {
      code: answer.code,
      description:
        extensionDays > 0
          ? `${answer.description}; продлён на ${extensionDays} дн.${statutory.regime === 'FZ59' ? ' (ч. 2 ст. 12 59-ФЗ)' : ''}`
          : answer.description,
      dueAt: answerDue,
      startsAt: answerStart,
      source: 'statutory',
      ...(extensionDays > 0 && { extensionDays }),
    },
  ];
  (input.urgentRules ?? []).forEach((rule, i) => {
    if (!plainDuration(rule.answerWithin) && !deadlineDurationSchema.safeParse(rule.answerWithin).success) {
      throw new DeadlineInputError(`urgentRules[${i}].answerWithin`, `invalid duration ${JSON.stringify(rule.answerWithin)}`);
    }
    candidates.push({
      code: rule.code,
      description: rule.description,
      dueAt: applyDuration(calendar, receivedAt, rule.answerWithin, shift),
      startsAt: receivedAt,
      source: 'urgent',
    });
  });

  // The paused time is kept: every rule's clock stood still for the same time.
  const rules = candidates.map((r) => ({ ...r, dueAt: new Date(r.dueAt.getTime() + pausedMs) }));
  // The earliest due wins (an urgent rule folds over the statutory one); a tie keeps the statutory rule.
  const deciding = rules.reduce((best, r) => (r.dueAt.getTime() < best.dueAt.getTime() ? r : best));

  return {
    dueAt: deciding.dueAt,
    startsAt: deciding.startsAt,
    totalMs: deciding.dueAt.getTime() - deciding.startsAt.getTime() - pausedMs,
    regime: statutory.regime,
    rules,
    decidingRule: deciding.code,
    extended: extensionDays > 0,
    extensionDays,
    pausedMs,
    ...(statutory.registration && { registrationDueAt: due(statutory.registration) }),
    ...(statutory.redirect && { redirectDueAt: due(statutory.redirect) }),
    ...(statutory.preModeration && { preModerationDueAt: due(statutory.preModeration) }),
    ...(statutory.firstReaction && { firstReactionDueAt: due(statutory.firstReaction) }),
  };
}
