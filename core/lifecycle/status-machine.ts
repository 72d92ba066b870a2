import { AppealStatus, Role } from '../entities/enums.js';
import { conflict, forbidden } from '../errors/errors.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { extensionRefusal } from './extension-rule.js';
import { registerEnum } from '../graphql/register-enum.js';

/**
 * What can be done to an appeal. Outcomes that lead to different statuses
 * are separate actions (REVIEW_ACCEPT / REVIEW_RETURN, RATE / RATE_NEGATIVE),
 * so that one table says everything.
 */
export enum AppealAction {
  /** 59-ФЗ art. 8 part 2: the ЦУР registers a received appeal (moderation). */
  REGISTER = 'REGISTER',
  ASSIGN = 'ASSIGN',
  /** 59-ФЗ art. 8 part 3: to the competent body, with a reason. */
  REDIRECT = 'REDIRECT',
  /** 59-ФЗ art. 12 part 2: one extension, at most 30 days, with a reason. */
  EXTEND = 'EXTEND',
  START_WORK = 'START_WORK',
  /** The clock stops while the author is asked for a clarification. */
  PAUSE = 'PAUSE',
  RESUME = 'RESUME',
  ANSWER = 'ANSWER',
  REVIEW_ACCEPT = 'REVIEW_ACCEPT',
  REVIEW_RETURN = 'REVIEW_RETURN',
  RATE = 'RATE',
  RATE_NEGATIVE = 'RATE_NEGATIVE',
  REJECT = 'REJECT',
  REOPEN = 'REOPEN',
  CLOSE = 'CLOSE',
  /** The ЦУР answers and closes an appeal with the published announcement that answered it at intake (docs/informing.md). */
  CLOSE_BY_ANNOUNCEMENT = 'CLOSE_BY_ANNOUNCEMENT',
  STRUCTURE = 'STRUCTURE',
}

registerEnum(AppealAction, 'AppealAction', 'Действие над обращением (переход статуса); кто и из какого статуса — docs/lifecycle.md', {
  REGISTER: 'Зарегистрировать поступившее по 59-ФЗ (registerReceived): NEW → REGISTERED',
  ASSIGN: 'Назначить ответственный орган или исполнителя (assignAppeal)',
  REDIRECT: 'Перенаправить по компетенции с причиной (redirectAppeal, 59-ФЗ ст. 8 ч. 3)',
  EXTEND: 'Продлить срок один раз, не больше чем на 30 дней, с причиной (extendDeadline, 59-ФЗ ст. 12 ч. 2)',
  START_WORK: 'Взять в работу (startWork): → IN_PROGRESS',
  PAUSE: 'Приостановить срок на время запроса уточнений у автора (pauseAppeal)',
  RESUME: 'Возобновить срок после паузы (resumeAppeal)',
  ANSWER: 'Направить ответ на проверку ЦУР (answerAppeal): → ON_REVIEW',
  REVIEW_ACCEPT: 'Принять ответ (reviewAnswer ACCEPT): → ANSWERED',
  REVIEW_RETURN: 'Вернуть ответ на доработку (reviewAnswer RETURN): → IN_PROGRESS',
  RATE: 'Оценить ответ на 3–5 (rateAppeal): → CLOSED',
  RATE_NEGATIVE: 'Оценить ответ на 1–2 (rateAppeal): → REOPENED',
  REJECT: 'Оставить без рассмотрения с причиной (rejectAppeal): → REJECTED',
  REOPEN: 'Открыть повторно (reopenAppeal): → REOPENED, новый срок',
  CLOSE: 'Закрыть без оценки (closeAppeal): ANSWERED → CLOSED',
  CLOSE_BY_ANNOUNCEMENT: 'Закрыть как отвеченное объявлением ЦУР, ответившим на него при поступлении (closeAppealByAnnouncement): → CLOSED',
  STRUCTURE: 'Уточнить отрасль, рубрику, муниципалитет, краткое содержание (structureAppeal)',
});

/** A non-user actor: a channel adapter, the deadline watcher, the author's rating link. */
export const SYSTEM = 'SYSTEM' as const;
export type ActorKind = Role | typeof SYSTEM;

/**
 * The ЦУР's staff who process appeals: the centre's specialists and head, and
 * the sector blocks' staff (limited to their sectors by the appeal scope).
 * The curator, analysts and admins read, they do not process.
 */
const CENTER_STAFF: readonly ActorKind[] = [Role.CENTER_SPECIALIST, Role.CENTER_HEAD, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST];
/** Operators of the responsible body or of a body above it (the appeal scope checks which). */
const BODY: readonly ActorKind[] = [Role.ORG_OPERATOR];

const { NEW, REGISTERED, ASSIGNED, IN_PROGRESS, ANSWERED, ON_REVIEW, CLOSED, REDIRECTED, REJECTED, REOPENED } = AppealStatus;
/** Statuses in which a body holds the appeal and works on it. */
const WITH_BODY = [ASSIGNED, IN_PROGRESS, REDIRECTED, REOPENED];

/** What the table reads of an appeal: its status and, for the conditional rows, the rest of its state. */
export type AppealStateView = Pick<Appeal, 'status'> & Partial<Appeal>;

export interface Transition {
  action: AppealAction;
  from: readonly AppealStatus[];
  /** `null`: the status stays as it is. */
  to: AppealStatus | null;
  by: readonly ActorKind[];
  /** An extra condition on the appeal at `now`; returns why not, or null when allowed. */
  unless?: (appeal: AppealStateView, now: Date) => string | null;
  /** Russian name of the action, for messages. */
  label: string;
}

const notPaused = (a: AppealStateView) => (a.pausedAt ? 'срок уже приостановлен' : null);
const paused = (a: AppealStateView) => (a.pausedAt ? null : 'срок не приостановлен');

/**
 * The status machine of DOMAIN.md "Lifecycle", in one table: from which
 * statuses each action is allowed, where it leads, and who may do it.
 * Every mutation of an appeal goes through `resolveTransition`.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: AppealAction.REGISTER, from: [NEW], to: REGISTERED, by: CENTER_STAFF, label: 'регистрация' },
  { action: AppealAction.ASSIGN, from: [REGISTERED, ASSIGNED, REDIRECTED, REOPENED], to: ASSIGNED, by: CENTER_STAFF, label: 'назначение ответственного' },
  // A body's operator passes the appeal to a colleague inside the body; the status stays.
  { action: AppealAction.ASSIGN, from: [...WITH_BODY], to: null, by: BODY, label: 'назначение исполнителя' },
  { action: AppealAction.REDIRECT, from: [...WITH_BODY], to: REDIRECTED, by: [...CENTER_STAFF, ...BODY], label: 'перенаправление по компетенции' },
  { action: AppealAction.EXTEND, from: [...WITH_BODY], to: null, by: [...CENTER_STAFF, ...BODY], unless: extensionRefusal, label: 'продление срока' },
  { action: AppealAction.START_WORK, from: [ASSIGNED, REDIRECTED, REOPENED], to: IN_PROGRESS, by: BODY, label: 'взятие в работу' },
  { action: AppealAction.PAUSE, from: [REGISTERED, ...WITH_BODY], to: null, by: [...CENTER_STAFF, ...BODY], unless: notPaused, label: 'приостановка срока' },
  { action: AppealAction.RESUME, from: [REGISTERED, ...WITH_BODY], to: null, by: [...CENTER_STAFF, ...BODY], unless: paused, label: 'возобновление срока' },
  { action: AppealAction.ANSWER, from: [IN_PROGRESS], to: ON_REVIEW, by: BODY, label: 'ответ' },
  { action: AppealAction.REVIEW_ACCEPT, from: [ON_REVIEW], to: ANSWERED, by: CENTER_STAFF, label: 'принятие ответа' },
  { action: AppealAction.REVIEW_RETURN, from: [ON_REVIEW], to: IN_PROGRESS, by: CENTER_STAFF, label: 'возврат на доработку' },
  { action: AppealAction.RATE, from: [ANSWERED, CLOSED], to: CLOSED, by: [...CENTER_STAFF, SYSTEM], label: 'оценка' },
  { action: AppealAction.RATE_NEGATIVE, from: [ANSWERED, CLOSED], to: REOPENED, by: [...CENTER_STAFF, SYSTEM], label: 'отрицательная оценка' },
  { action: AppealAction.REJECT, from: [NEW, REGISTERED, ...WITH_BODY], to: REJECTED, by: [...CENTER_STAFF, SYSTEM], label: 'отклонение' },
  { action: AppealAction.REOPEN, from: [ANSWERED, CLOSED, REJECTED], to: REOPENED, by: CENTER_STAFF, label: 'возобновление рассмотрения' },
  { action: AppealAction.CLOSE, from: [ANSWERED], to: CLOSED, by: [...CENTER_STAFF, SYSTEM], label: 'закрытие' },
  // The announcement that answered the appeal at intake is its answer (59-ФЗ art. 10 part 4: an answer published for everyone).
  { action: AppealAction.CLOSE_BY_ANNOUNCEMENT, from: [REGISTERED, ...WITH_BODY], to: CLOSED, by: CENTER_STAFF, label: 'закрытие ответом-объявлением' },
  { action: AppealAction.STRUCTURE, from: [NEW, REGISTERED, ...WITH_BODY], to: null, by: CENTER_STAFF, label: 'структуризация' },
];

const STATUS_NAMES: Record<AppealStatus, string> = {
  NEW: 'поступило',
  REGISTERED: 'зарегистрировано',
  ASSIGNED: 'назначено',
  IN_PROGRESS: 'в работе',
  ANSWERED: 'дан ответ',
  ON_REVIEW: 'ответ на проверке ЦУР',
  CLOSED: 'закрыто',
  REDIRECTED: 'перенаправлено',
  REJECTED: 'отклонено',
  REOPENED: 'возобновлено',
};

/**
 * The actions this actor may take on the appeal at `now`: the same rows and
 * conditions `resolveTransition` applies, so every action offered succeeds.
 */
export function allowedActions(appeal: AppealStateView, actor: ActorKind, now: Date): AppealAction[] {
  const actions = TRANSITIONS.filter((t) => t.from.includes(appeal.status) && t.by.includes(actor) && !t.unless?.(appeal, now)).map((t) => t.action);
  return [...new Set(actions)];
}

/**
 * The row of the table for this action from the appeal's status, for this
 * actor. An action the status does not allow is a CONFLICT naming the actions
 * that are allowed; an action allowed to others only is FORBIDDEN.
 */
export function resolveTransition(appeal: AppealStateView, action: AppealAction, actor: ActorKind, now: Date): Transition & { toStatus: AppealStatus } {
  const fromHere = TRANSITIONS.filter((t) => t.action === action && t.from.includes(appeal.status));
  const allowed = allowedActions(appeal, actor, now);
  if (!fromHere.length) {
    const label = TRANSITIONS.find((t) => t.action === action)?.label ?? action;
    throw conflict(`Действие «${label}» невозможно в статусе «${STATUS_NAMES[appeal.status]}»`, {
      status: appeal.status,
      action,
      allowed,
    });
  }
  const mine = fromHere.find((t) => t.by.includes(actor));
  if (!mine) throw forbidden(`Действие «${fromHere[0].label}» в статусе «${STATUS_NAMES[appeal.status]}» выполняет другая роль`);
  const reason = mine.unless?.(appeal, now);
  if (reason) throw conflict(`Действие «${mine.label}» невозможно: ${reason}`, { status: appeal.status, action, allowed });
  return { ...mine, toStatus: mine.to ?? appeal.status };
}

export const statusName = (status: AppealStatus) => STATUS_NAMES[status];
