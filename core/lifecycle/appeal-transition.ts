import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, Ref } from '@mikro-orm/core';
import type { LifecycleServices } from './lifecycle-services.js';
import { runAppealTransaction, type Actor, type AppealTransaction } from '../events/appeal-transaction.js';
import type { Appeal } from '../entities/appeal.entity.js';
import type { AppealStatus } from '../entities/enums.js';
import type { AppealEventTypeName } from '../entities/appeal-event-type.js';
import type { AppealFacts } from '../plugin-api/index.js';
import { actorKind, checkVersion, lockAppeal } from './appeal-lock.js';
import { applyPlan, deadlineApiError, planDeadline, type UrgentRule } from './deadline-plan.js';
import type { ReferenceDirectory } from './reference-directory.js';
import { resolveTransition, type AppealAction } from './status-machine.js';

export interface TransitionContext {
  app: LifecycleServices;
  tx: AppealTransaction;
  appeal: Appeal;
  actor: Actor;
  now: Date;
  from: AppealStatus;
  to: AppealStatus;
  /** Appends the transition's own audit entry (from → to). */
  record(type: AppealEventTypeName, entry?: { reason?: string | null; data?: Record<string, unknown> | null }): void;
}

/**
 * The one path of every change to an existing appeal: lock the row, check
 * the expected version, ask the status machine, apply the change, write the
 * audit trail, all in one transaction (published after commit).
 */
export async function transition(
  app: LifecycleServices,
  em: EntityManager,
  actor: Actor,
  request: { id: string; action: AppealAction; expectedVersion?: number | null },
  apply: (ctx: TransitionContext) => Promise<void> | void,
): Promise<Appeal> {
  return runAppealTransaction(app, em, actor, async (tx) => {
    const appeal = await lockAppeal(tx.em, request.id, actor);
    checkVersion(appeal, request.expectedVersion);
    const now = app.clock.now();
    const step = resolveTransition(appeal, request.action, actorKind(actor), now);
    const from = appeal.status;
    appeal.status = step.toStatus;
    const ctx: TransitionContext = {
      app,
      tx,
      appeal,
      actor,
      now,
      from,
      to: step.toStatus,
      record: (type, entry = {}) => tx.record({ appeal, type, fromStatus: from, toStatus: step.toStatus, ...entry }),
    };
    await apply(ctx);
    return appeal;
  });
}

/** Ends a running pause, keeping the paused time (DOMAIN.md: never lost). Returns the time added, in ms. */
export function endPause(appeal: Appeal, now: Date): number {
  if (!appeal.pausedAt) return 0;
  const paused = Math.max(0, now.getTime() - appeal.pausedAt.getTime());
  appeal.pausedMs = Number(appeal.pausedMs) + paused;
  appeal.pausedAt = null;
  return paused;
}

/**
 * Recomputes the deadline of the appeal's current stage and writes it on the
 * appeal; returns the change for the audit trail (null when unchanged).
 */
export function replanDeadline(app: LifecycleServices, appeal: Appeal, urgent: UrgentRule[]): { from: string | null; to: string; rule: string } | null {
  let plan;
  try {
    plan = planDeadline(
      {
        channel: appeal.channel,
        fz59: appeal.fz59,
        status: appeal.status,
        receivedAt: appeal.receivedAt,
        registeredAt: appeal.registeredAt,
        reopenedAt: appeal.reopenedAt,
        reactedAt: appeal.reactedAt,
        extensionDays: appeal.extensionDays,
        pausedMs: Number(appeal.pausedMs),
      },
      urgent,
      app.calendar,
      app.config.deadlinePolicy,
    );
  } catch (error) {
    throw deadlineApiError(error, null);
  }
  const previous = applyPlan(appeal, plan);
  if (previous?.getTime() === plan.dueAt.getTime()) return null;
  return { from: previous?.toISOString() ?? null, to: plan.dueAt.toISOString(), rule: plan.decidingRule };
}

/** What the plugins' rules see of an existing appeal. */
export function factsOf(appeal: Appeal, directory: ReferenceDirectory): AppealFacts {
  const complaint = appeal.complaintAgainst ? directory.orgById.get(appeal.complaintAgainst.id) : undefined;
  return {
    channel: appeal.channel,
    text: appeal.text,
    sectorCode: appeal.sector ? (directory.sectorById.get(appeal.sector.id)?.code ?? null) : null,
    categoryCode: appeal.category ? (directory.categoryById.get(appeal.category.id)?.code ?? null) : null,
    municipalityCode: appeal.municipality ? (directory.municipalityById.get(appeal.municipality.id)?.code ?? null) : null,
    address: appeal.address ?? null,
    receivedAt: appeal.receivedAt,
    details: (appeal.details as Record<string, unknown> | null | undefined) ?? null,
    complainedAboutOrganizationCodes: complaint ? [complaint.code] : [],
  };
}

/** A managed reference by primary key, for setting a relation without loading the row. */
export function refTo<T extends object>(em: EntityManager, entity: EntityClass<T>, id: string): Ref<T> {
  return em.getReference(entity, id as never, { wrapped: true }) as Ref<T>;
}
