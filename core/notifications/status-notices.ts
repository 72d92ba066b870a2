import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { RecurringJob } from '../jobs/recurring-job.js';
import { listenToCommittedEvents } from '../events/committed-event-listener.js';
import type { CommittedAppealEvent, EventBus } from '../events/event-bus.js';
import { pgQuery } from '../db/pg-query.js';
import { queueToRecipients, residentChannels, saveMessage } from './outbox.service.js';
import { answerAcceptedMessage, answeredByAnnouncementMessage, deadlineExtendedMessage, redirectedMessage, type RenderedMessage } from './templates.js';
import { closeTransports } from './transports.js';

/**
 * The audit entries the author is told about: the ЦУР accepted the answer,
 * the appeal went to another body (59-ФЗ art. 8 part 3), the deadline was
 * extended (art. 12 part 2), and the ЦУР closed it with an announcement as
 * the answer. (An announcement's answer at intake is queued by the
 * registration's own statement: core/announcements/intake-matching.ts.)
 */
export const NOTICE_EVENT_TYPES = new Set(['ANSWER_ACCEPTED', 'REDIRECTED', 'DEADLINE_EXTENDED', 'ANSWERED_BY_ANNOUNCEMENT']);

interface NoticeRow {
  number: string;
  author_email: string | null;
  author_email_key: string | null;
  author_phone: string | null;
  author_phone_key: string | null;
  due_at: Date | string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
  organization: string | null;
  announcement_title: string | null;
  announcement_body: string | null;
}

const NOTICE_SQL = `select a.number, a.author_email, a.author_email_key, a.author_phone, a.author_phone_key, a.due_at,
  e.reason, e.data, o.short_name as organization, an.title as announcement_title, an.body as announcement_body
from appeal_event e join appeal a on a.id = e.appeal_id
left join organization o on o.id = a.organization_id
left join announcement an on e.type = 'ANSWERED_BY_ANNOUNCEMENT' and an.id = (e.data->>'announcementId')::uuid
where e.id = $1 and a.author_notify_consent`;

function render(app: CoreServices, type: string, row: NoticeRow): RenderedMessage | null {
  switch (type) {
    case 'ANSWER_ACCEPTED':
      return answerAcceptedMessage({ number: row.number, organization: row.organization });
    case 'REDIRECTED':
      return redirectedMessage({ number: row.number, organization: row.organization, reason: row.reason });
    case 'DEADLINE_EXTENDED':
      return deadlineExtendedMessage({ number: row.number, dueAt: row.due_at ? new Date(row.due_at) : null, reason: row.reason }, app.config.TIME_ZONE);
    case 'ANSWERED_BY_ANNOUNCEMENT':
      return row.announcement_title
        ? answeredByAnnouncementMessage({ number: row.number, title: row.announcement_title, body: row.announcement_body ?? '' })
        : null;
    default:
      return null;
  }
}

/**
 * Queues the author's notice of one committed audit entry. Every process on
 * the bus sees the entry; the message is unique per entry and the outbox per
 * (message, channel, recipient), so it is queued once whoever gets there first.
 */
export async function queueStatusNotice(app: CoreServices, event: Pick<CommittedAppealEvent, 'eventId' | 'type'>): Promise<number> {
  if (!NOTICE_EVENT_TYPES.has(event.type)) return 0;
  const channels = residentChannels(app);
  if (!channels.length) return 0;
  const em = app.orm.em.fork() as EntityManager;
  const [row] = await pgQuery<NoticeRow>(em, NOTICE_SQL, [event.eventId], { prepared: true });
  if (!row) return 0;
  const message = render(app, event.type, row);
  if (!message) return 0;
  const recipients = channels.flatMap(({ kind, channel }) => {
    if (kind === 'email' && row.author_email && row.author_email_key) return [{ channel, recipient: row.author_email, key: `email:${row.author_email_key}` }];
    if (kind === 'phone' && row.author_phone && row.author_phone_key) return [{ channel, recipient: row.author_phone, key: `phone:${row.author_phone_key}` }];
    return [];
  });
  if (!recipients.length) return 0;
  return em.transactional(async (tx) => {
    const messageId = await saveMessage(tx as EntityManager, 'appeal-event', event.eventId, message, app.clock.now());
    return queueToRecipients(tx as EntityManager, messageId, recipients, app.clock.now());
  });
}

/**
 * Listens to the committed appeal events (core/events) for the life of the
 * app: the lifecycle's mutations are not touched. A notice that fails to
 * queue is logged; the change it reports stands.
 */
export async function startStatusNotices(app: CoreServices & { events: EventBus }): Promise<RecurringJob> {
  const listener = listenToCommittedEvents(
    app,
    'status notice',
    (event) => NOTICE_EVENT_TYPES.has(event.type),
    (event) => queueStatusNotice(app, event),
  );
  return {
    async stop() {
      await listener.stop();
      closeTransports(app);
    },
  };
}
