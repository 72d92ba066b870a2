import { UnknownChannelError } from './deadline-errors.js';
import { deepFreeze, defaultDeadlinePolicy, isSealedPolicy, type DeadlineDuration, type DeadlinePolicy, type DeadlineRegime } from './deadline-policy.js';

export { CHANNELS, defaultDeadlinePolicy, mergeDeadlinePolicy } from './deadline-policy.js';
export type { ChannelPolicy, DeadlineDuration, DeadlinePolicy, DeadlinePolicyOverrides, DeadlineRegime } from './deadline-policy.js';

/** A statutory rule before it is applied to dates. */
export interface RuleSpec {
  /** Stable and explainable: `<prefix>.<kind>.<duration>`, e.g. `59-FZ.answer.30d`. */
  code: string;
  description: string;
  duration: DeadlineDuration;
  /** What the clock counts from. */
  from: 'receipt' | 'registration';
}

export interface StatutoryRules {
  regime: DeadlineRegime;
  answer: RuleSpec;
  registration?: RuleSpec;
  redirect?: RuleSpec;
  preModeration?: RuleSpec;
  firstReaction?: RuleSpec;
}

const FZ59_LAW = 'Федерального закона от 02.05.2006 № 59-ФЗ';

/** `30d`, `10wd`, `4h`: the duration part of a rule code. */
export function durationCode(d: DeadlineDuration): string {
  if ('hours' in d) return `${d.hours}h`;
  if ('calendarDays' in d) return `${d.calendarDays}d`;
  return `${d.workingDays}wd`;
}

function plural(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** «30 календарных дней», «1 рабочий день», «4 часа». */
export function describeDuration(d: DeadlineDuration): string {
  if ('hours' in d) return `${d.hours} ${plural(d.hours, 'час', 'часа', 'часов')}`;
  const [n, adjOne, adjMany] = 'calendarDays' in d ? [d.calendarDays, 'календарный', 'календарных'] : [d.workingDays, 'рабочий', 'рабочих'];
  return `${n} ${n % 10 === 1 && n % 100 !== 11 ? adjOne : adjMany} ${plural(n, 'день', 'дня', 'дней')}`;
}

function spec(prefix: string, kind: string, duration: DeadlineDuration, from: RuleSpec['from'], text: string): RuleSpec {
  return { code: `${prefix}.${kind}.${durationCode(duration)}`, description: text, duration, from };
}

/**
 * The statutory rules of an appeal. `fz59=true` makes any channel a 59-ФЗ
 * appeal (e.g. an appeal sent through Госуслуги, 480-ФЗ); `fz59=false` does
 * not take a letter or e-mail out of 59-ФЗ, because the law follows the form
 * of the appeal, not a flag.
 */
export function statutoryRules(channel: string, fz59: boolean | undefined, policy: DeadlinePolicy = defaultDeadlinePolicy): StatutoryRules {
  if (!isSealedPolicy(policy)) return buildRules(channel, fz59, policy);
  let byChannel = memo.get(policy);
  if (!byChannel) memo.set(policy, (byChannel = new Map()));
  const key = fz59 === true ? `${channel}\u0000fz59` : channel;
  let rules = byChannel.get(key);
  if (!rules) {
    rules = deepFreeze(buildRules(channel, fz59, policy));
    byChannel.set(key, rules);
  }
  return rules;
}

/**
 * The rules of each channel (and flag) of a policy that cannot change in
 * place (isSealedPolicy), built once: their texts cost every intake three
 * times over. Frozen, as they are shared.
 */
const memo = new WeakMap<DeadlinePolicy, Map<string, StatutoryRules>>();

function buildRules(channel: string, fz59: boolean | undefined, policy: DeadlinePolicy): StatutoryRules {
  const entry = policy.channels[channel];
  if (!entry) throw new UnknownChannelError(channel);
  if (fz59 === true || entry.regime === 'FZ59') {
    const { codePrefix: p, registration, answer, redirect } = policy.fz59;
    return {
      regime: 'FZ59',
      registration: spec(
        p,
        'registration',
        registration,
        'receipt',
        `Регистрация обращения — в течение ${describeDuration(registration)} с момента поступления (ч. 2 ст. 8 ${FZ59_LAW})`,
      ),
      answer: spec(
        p,
        'answer',
        answer,
        'registration',
        `Рассмотрение обращения — ${describeDuration(answer)} со дня регистрации (ч. 1 ст. 12 ${FZ59_LAW}); ` +
          'окончание срока в нерабочий день переносится на ближайший рабочий день (ст. 193 ГК РФ по аналогии)',
      ),
      redirect: spec(
        p,
        'redirect',
        redirect,
        'registration',
        `Направление по компетенции — в течение ${describeDuration(redirect)} со дня регистрации с уведомлением автора (ч. 3 ст. 8 ${FZ59_LAW})`,
      ),
    };
  }
  const p = entry.codePrefix;
  if (entry.regime === 'MESSAGE') {
    return {
      regime: 'MESSAGE',
      answer: spec(
        p,
        'answer',
        entry.answer,
        'receipt',
        `Ответ на сообщение (${channel}) — ${describeDuration(entry.answer)} с момента поступления (${entry.basis})`,
      ),
      ...(entry.preModeration && {
        preModeration: spec(
          p,
          'premoderation',
          entry.preModeration,
          'receipt',
          `Премодерация сообщения (${channel}) — ${describeDuration(entry.preModeration)} (${entry.basis})`,
        ),
      }),
    };
  }
  return {
    regime: 'INCIDENT',
    answer: spec(
      p,
      'answer',
      entry.answer,
      'receipt',
      `Ответ на инцидент (${channel}) — ${describeDuration(entry.answer)} с момента обнаружения (${entry.basis})`,
    ),
    firstReaction: spec(
      p,
      'reaction',
      entry.firstReaction,
      'receipt',
      `Первая реакция на инцидент (${channel}) — ${describeDuration(entry.firstReaction)} (${entry.basis})`,
    ),
  };
}

/**
 * The answer term of a resident's comment on a body's official page
 * (policy.officialPageComment), as a rule folded over the channel's own
 * like a sector's urgent rule: `OFFICIAL_PAGE_COMMENT.answer.1wd`.
 */
export function officialPageCommentRule(policy: DeadlinePolicy = defaultDeadlinePolicy): { code: string; description: string; answerWithin: DeadlineDuration } {
  const { codePrefix, basis, answer } = policy.officialPageComment;
  return {
    code: `${codePrefix}.answer.${durationCode(answer)}`,
    description: `Ответ на комментарий жителя на официальной странице органа — ${describeDuration(answer)} с момента публикации (${basis})`,
    answerWithin: answer,
  };
}
