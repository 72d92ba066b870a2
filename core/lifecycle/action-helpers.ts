import { AppealStatus } from '../entities/enums.js';
import { Organization } from '../entities/index.js';
import type { Appeal } from '../entities/appeal.entity.js';
import { badInput } from '../errors/errors.js';
import { factsOf, refTo, replanDeadline, type TransitionContext } from './appeal-transition.js';
import { urgentRulesOf } from './deadline-plan.js';
import type { OrgRef, ReferenceDirectory } from './reference-directory.js';
import { routeAppeal } from './routing.service.js';

/* What the actions on existing appeals (appeal-actions.service.ts, answer-actions.ts) share. */

export const MAX_REASON = 2000;
export const MAX_ATTACHMENTS = 50;

export function requireText(value: string | null | undefined, field: string, what: string, max = MAX_REASON): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(field, `${what}: обязательно`);
  if (text.length > max) throw badInput(field, `${what}: не длиннее ${max} символов`);
  return text;
}

export const optionalText = (value: string | null | undefined, field: string, max = MAX_REASON) =>
  value?.trim() ? requireText(value, field, 'Комментарий', max) : null;

/** 59-ФЗ art. 8 part 6: a complaint never goes to the body it complains about. */
export function refuseComplainedBody(appeal: Appeal, org: OrgRef, field: string): void {
  if (appeal.complaintAgainst?.id === org.id) {
    throw badInput(field, `Жалоба на «${org.name}» не может быть направлена в этот орган (ч. 6 ст. 8 59-ФЗ)`);
  }
}

export function requireOrg(directory: ReferenceDirectory, id: string, field: string): OrgRef {
  const org = directory.orgById.get(id);
  if (!org) throw badInput(field, `Неизвестная организация ${id}`);
  return org;
}

export const orgData = (org: OrgRef | undefined | null) => (org ? { id: org.id, code: org.code } : null);

/** Routes an appeal that has none, after registration or structuring; records ASSIGNED when a body is found. */
export function routeIfUnassigned(ctx: TransitionContext, directory: ReferenceDirectory): void {
  const { app, appeal } = ctx;
  if (appeal.organization || appeal.needsStructuring || appeal.status !== AppealStatus.REGISTERED) return;
  const facts = factsOf(appeal, directory);
  const plugin = app.plugins.find((p) => p.code === facts.sectorCode);
  const decision = routeAppeal(plugin, facts, directory);
  if (!decision) return;
  appeal.organization = refTo(ctx.tx.em, Organization, decision.organization.id);
  recordAssigned(
    ctx,
    { organizationId: decision.organization.id, organizationCode: decision.organization.code, rule: decision.rule, auto: true },
    decision.description,
  );
}

/** A registered appeal that has its body: ASSIGNED, recorded with the rule that chose the body. */
export function recordAssigned(ctx: TransitionContext, data: Record<string, unknown>, reason?: string): void {
  ctx.appeal.status = AppealStatus.ASSIGNED;
  ctx.tx.record({ appeal: ctx.appeal, type: 'ASSIGNED', fromStatus: AppealStatus.REGISTERED, toStatus: AppealStatus.ASSIGNED, reason, data });
}

/** A new consideration (negative rating, reopening): the clock starts again now, the answer no longer stands. */
export function startNewConsideration(ctx: TransitionContext): Record<string, unknown> {
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
