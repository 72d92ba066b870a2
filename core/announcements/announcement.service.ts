import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { conflict, notFound } from '../errors/errors.js';
import { cachedReferenceDirectory } from '../lifecycle/reference-directory.js';
import { invalidateActiveAnnouncements } from './active-announcements.js';
import { ANNOUNCEMENT_SOURCE, queueAnnouncement } from './announcement-delivery.js';
import { cancelQueued } from '../notifications/outbox.service.js';
import { AnnouncementStatus } from './announcement-enums.js';
import { AnnouncementEvent } from './announcement-event.entity.js';
import { Announcement } from './announcement.entity.js';
import type { AnnouncementInput } from './announcement.input.js';
import { MAX_REASON, requiredText, validateAnnouncement } from './announcement.rules.js';
import { regionStreets } from './known-streets.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The status machine: which action moves which status where. */
const MOVES = {
  approve: { from: [AnnouncementStatus.DRAFT], to: AnnouncementStatus.APPROVED, event: 'APPROVED' },
  publish: { from: [AnnouncementStatus.APPROVED], to: AnnouncementStatus.PUBLISHED, event: 'PUBLISHED' },
  withdraw: {
    from: [AnnouncementStatus.DRAFT, AnnouncementStatus.APPROVED, AnnouncementStatus.PUBLISHED],
    to: AnnouncementStatus.WITHDRAWN,
    event: 'WITHDRAWN',
  },
} as const;
export type AnnouncementMove = keyof typeof MOVES;

function audit(
  em: EntityManager,
  announcement: Announcement,
  user: AuthUser,
  at: Date,
  entry: { type: string; from?: AnnouncementStatus | null; reason?: string | null; data?: Record<string, unknown> },
) {
  em.persist(
    em.create(AnnouncementEvent, {
      announcement,
      type: entry.type,
      at,
      actorUser: user.id,
      fromStatus: entry.from ?? null,
      toStatus: announcement.status,
      reason: entry.reason ?? null,
      data: entry.data ?? null,
    }),
  );
}

/** Creates a DRAFT (validated by announcement.rules.ts) with its first audit entry. */
export async function createAnnouncement(app: LifecycleServices, em: EntityManager, user: AuthUser, input: AnnouncementInput): Promise<Announcement> {
  const directory = await cachedReferenceDirectory(em);
  const valid = await validateAnnouncement(input, { em, directory, user, streets: regionStreets(app) });
  const now = app.clock.now();
  return em.transactional(async (tx) => {
    const announcement = tx.create(Announcement, {
      kind: valid.kind,
      title: valid.title,
      body: valid.body,
      audience: valid.audience,
      validFrom: valid.validFrom,
      validTo: valid.validTo,
      organization: valid.organizationId,
      createdBy: user.id,
      status: AnnouncementStatus.DRAFT,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    audit(tx as EntityManager, announcement, user, now, { type: 'CREATED' });
    await tx.flush();
    return announcement;
  });
}

/**
 * Approves, publishes or withdraws: the row locked, the version the caller
 * saw checked (stale: CONFLICT with currentVersion), the move checked
 * against the status (illegal: CONFLICT), the audit entry written, and on
 * publishing the delivery queued, all in one transaction.
 */
export async function moveAnnouncement(
  app: LifecycleServices,
  em: EntityManager,
  user: AuthUser,
  request: { id: string; move: AnnouncementMove; expectedVersion: number; reason?: string | null },
): Promise<Announcement> {
  const rule = MOVES[request.move];
  const reason = request.move === 'withdraw' ? requiredText(request.reason, 'reason', 'Причина отзыва', MAX_REASON) : null;
  if (!UUID.test(request.id)) throw notFound('Объявление', request.id);
  const result = await em.transactional(async (txEm) => {
    const tx = txEm as EntityManager;
    const announcement = await tx.findOne(Announcement, request.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!announcement) throw notFound('Объявление', request.id);
    if (announcement.version !== request.expectedVersion) {
      throw conflict(`Объявление уже изменено (версия ${announcement.version}, ожидалась ${request.expectedVersion}); обновите данные и повторите`, {
        currentVersion: announcement.version,
        expectedVersion: request.expectedVersion,
      });
    }
    const from = announcement.status;
    if (!(rule.from as readonly AnnouncementStatus[]).includes(from)) {
      throw conflict(`Нельзя перевести объявление из статуса ${from} в ${rule.to}`, { currentVersion: announcement.version, status: from });
    }
    const now = app.clock.now();
    if (request.move === 'publish' && announcement.validTo && announcement.validTo <= now) {
      throw conflict('Срок действия объявления уже истёк: опубликовать его нельзя', { currentVersion: announcement.version });
    }
    announcement.status = rule.to;
    announcement.version += 1;
    announcement.updatedAt = now;
    if (request.move === 'publish') announcement.publishedAt = now;
    if (request.move === 'withdraw') announcement.withdrawReason = reason;
    audit(tx, announcement, user, now, { type: rule.event, from, reason });
    await tx.flush();
    if (request.move === 'publish') {
      const queued = await queueAnnouncement(app, tx, announcement, now);
      audit(tx, announcement, user, now, { type: 'DELIVERY_QUEUED', from: announcement.status, data: { queued } });
      await tx.flush();
    }
    if (request.move === 'withdraw') await cancelQueued(tx, ANNOUNCEMENT_SOURCE, announcement.id, `объявление отозвано: ${reason}`);
    return announcement;
  });
  // This process reads the list again at once; the others within a second (reference_version).
  invalidateActiveAnnouncements(em);
  return result;
}
