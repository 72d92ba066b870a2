import { DeadlineState } from '../entities/enums.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { appealDeadline } from '../appeals/appeal-deadline.js';
import { urgentRulesOf } from './deadline-plan.js';

/**
 * 59-ФЗ art. 12 part 2: a term is extended once, before it has run out, and
 * never when a sector's urgent rule set it. Returns why the appeal's term
 * cannot be extended now, or null. The status machine's EXTEND row asks this,
 * so `allowedActions` offers EXTEND exactly when `extendDeadline` accepts it.
 */
export function extensionRefusal(appeal: Partial<Appeal>, now: Date): string | null {
  if (Number(appeal.extensionDays ?? 0) > 0) return 'срок уже продлевался (продление допускается один раз, ч. 2 ст. 12 59-ФЗ)';
  if (appeal.deadlineRule && urgentRulesOf(appeal as Appeal).some((rule) => rule.code === appeal.deadlineRule)) {
    return `срок установлен правилом срочной категории (${appeal.deadlineRule}); продление по ч. 2 ст. 12 59-ФЗ к нему не применяется`;
  }
  if (appeal.dueAt && appeal.deadlineStartsAt && appealDeadline(appeal as Appeal, now).state === DeadlineState.OVERDUE) {
    return 'срок уже истёк: продлить можно только до его окончания (ч. 2 ст. 12 59-ФЗ)';
  }
  return null;
}
