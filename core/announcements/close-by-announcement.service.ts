import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { appealScope } from '../auth/appeal-scope.js';
import { Appeal } from '../entities/appeal.entity.js';
import { badInput, errorCode, notFound } from '../errors/errors.js';
import { queryOne, sql } from '../db/sql.js';
import { AppealActions, type AnnouncementAnswer } from '../lifecycle/appeal-actions.service.js';
import { AnnouncementStatus } from './announcement-enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CloseByAnnouncementRequest {
  appealId: string;
  announcementId: string;
  expectedVersion: number;
}

/**
 * The announcement as the appeal's answer, read under the appeal's
 * transaction with the announcement's row shared-locked (a withdrawal waits
 * for it, or it waits for the withdrawal and sees it): known, still
 * PUBLISHED, and one that answered this appeal at intake (appeal_announcement).
 */
async function vouchedAnswer(em: EntityManager, announcementId: string, appealId: string): Promise<AnnouncementAnswer> {
  const row = await queryOne<{ status: string; title: string; body: string; organization_id: string | null; matched: boolean }>(
    em,
    sql`select n.status, n.title, n.body, n.organization_id,
      exists (select 1 from appeal_announcement m where m.announcement_id = n.id and m.appeal_id = ${appealId}::uuid) as matched
    from announcement n where n.id = ${announcementId}::uuid for share of n`,
  );
  if (!row) throw badInput('announcementId', `Объявление ${announcementId} не найдено`);
  if (row.status !== AnnouncementStatus.PUBLISHED) {
    throw badInput('announcementId', 'Объявление не опубликовано или отозвано: ответом на обращение оно служить не может', { status: row.status });
  }
  if (!row.matched) {
    throw badInput(
      'announcementId',
      'Это объявление не ответило на обращение при поступлении: закрыть им можно только обращения из его Announcement.matchedAppeals',
    );
  }
  return { announcementId, title: row.title, body: row.body, organizationId: row.organization_id };
}

/**
 * The appeal, if this very announcement already closed it and it is still
 * closed by that (a repeated request, or the twin of a concurrent one):
 * the last move into CLOSED is our ANSWERED_BY_ANNOUNCEMENT entry. Within
 * what the caller may see.
 */
async function alreadyClosedBy(em: EntityManager, user: AuthUser, request: CloseByAnnouncementRequest): Promise<Appeal | null> {
  const row = await queryOne<{ id: string }>(
    em,
    sql`select a.id from appeal a
    where a.id = ${request.appealId}::uuid and a.status = 'CLOSED' and ${appealScope(user)}
      and (select e.type = 'ANSWERED_BY_ANNOUNCEMENT' and e.data->>'announcementId' = ${request.announcementId}
           from appeal_event e
           where e.appeal_id = a.id and e.to_status = 'CLOSED' and e.from_status is distinct from 'CLOSED'
           order by e.at desc, e.seq desc limit 1)`,
  );
  return row ? em.findOne(Appeal, row.id, { refresh: true }) : null;
}

/**
 * closeAppealByAnnouncement: the ЦУР closes an appeal that a published
 * announcement answered at intake, with that announcement as its answer
 * (docs/informing.md). Through the lifecycle (AppealActions.closeByAnnouncement:
 * lock, expectedVersion, the status machine's CLOSE_BY_ANNOUNCEMENT, the
 * audit trail, the deadline closed by the answer) in one transaction, so a
 * refusal leaves nothing. Idempotent: when the same announcement already
 * closed the appeal, the appeal is returned as it is (whatever version the
 * repeat carries), also for the loser of two concurrent identical requests.
 */
export async function closeAppealByAnnouncement(
  app: LifecycleServices,
  em: EntityManager,
  user: AuthUser,
  request: CloseByAnnouncementRequest,
): Promise<Appeal> {
  if (!UUID.test(request.appealId)) throw notFound('Обращение', request.appealId);
  if (!UUID.test(request.announcementId)) throw badInput('announcementId', 'Некорректный идентификатор объявления');
  const done = await alreadyClosedBy(em, user, request);
  if (done) return done;
  try {
    return await new AppealActions(app).closeByAnnouncement(em, { user }, request.appealId, request.expectedVersion, (tx, appeal) =>
      vouchedAnswer(tx, request.announcementId, appeal.id),
    );
  } catch (error) {
    if (errorCode(error) === 'CONFLICT') {
      const twin = await alreadyClosedBy(em, user, request);
      if (twin) return twin;
    }
    throw error;
  }
}
