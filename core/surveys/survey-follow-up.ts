import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { SurveysServices } from './survey.service.js';
import { AppealEventType } from '../entities/appeal-event-type.js';
import type { CommittedAppealEvent } from '../events/event-bus.js';
import type { RecurringJob } from '../jobs/recurring-job.js';
import { listenToCommittedEvents } from '../events/committed-event-listener.js';
import { query, queryOne, sql } from '../db/sql.js';
import { surveyFollowUpMessage } from '../notifications/templates.js';
import { invitationUrl, inviteContacts, type Invitee } from './survey-invitations.js';

interface FollowUpSurvey {
  id: string;
  title: string;
  closes_at: Date | string | null;
  number: string;
}

/**
 * The follow-up survey of a rated appeal: an OPEN survey marked
 * `followUpAfterRating`, within its period, whose audience takes the appeal
 * (its municipalities, sectors, categories, problem; an empty audience takes
 * every appeal: the region's own follow-up). Of several, the one with the
 * narrowest audience (most criteria), then the newest: a sector's follow-up
 * wins over the region's.
 */
const followUpSurvey = (appealId: string, now: Date) => sql`
select s.id, s.title, s.closes_at, a.number
from appeal a join survey s on s.follow_up_after_rating and s.status = 'OPEN'
  and (s.opens_at is null or s.opens_at <= ${now}::timestamptz) and (s.closes_at is null or s.closes_at > ${now}::timestamptz)
  and (cardinality(s.audience_municipality_ids) = 0 or a.municipality_id::text = any(s.audience_municipality_ids))
  and (cardinality(s.audience_sectors) = 0 or exists (select 1 from sector x where x.id = a.sector_id and x.code = any(s.audience_sectors)))
  and (cardinality(s.audience_categories) = 0 or exists (select 1 from category x where x.id = a.category_id and x.code = any(s.audience_categories)))
  and (s.problem_id is null or exists (select 1 from problem_appeal pa where pa.appeal_id = a.id and pa.problem_id = s.problem_id))
where a.id = ${appealId}::uuid
order by (sign(cardinality(s.audience_municipality_ids)) + sign(cardinality(s.audience_sectors)) + sign(cardinality(s.audience_categories))
  + (s.problem_id is not null)::int) desc, s.created_at desc, s.id
limit 1`;

/** The appeal author's contacts that agreed to be asked (survey_consent). */
const consentingContacts = (appealId: string) => sql`
select c.key, c.recipient from appeal a
cross join lateral (values ('email:' || a.author_email_key, a.author_email), ('phone:' || a.author_phone_key, a.author_phone)) as c(key, recipient)
join survey_consent sc on sc.contact_key = c.key and sc.consent
where a.id = ${appealId}::uuid and c.key is not null and c.recipient is not null`;

/**
 * After the author rated the answer (a RATED entry, by link or recorded by
 * staff), queues the region's or sector's follow-up survey to the author's
 * contacts that agreed to be asked, once per contact and survey (a second
 * rating of the same appeal, or of another appeal of the same author, sends
 * nothing more: survey-invitations.ts). Returns the contacts invited.
 */
export async function queueFollowUp(app: CoreServices, event: Pick<CommittedAppealEvent, 'appealId' | 'type'>): Promise<number> {
  if (event.type !== AppealEventType.RATED) return 0;
  const url = invitationUrl(app);
  if (!url) return 0;
  const em = app.orm.em.fork() as EntityManager;
  const now = app.clock.now();
  const survey = await queryOne<FollowUpSurvey>(em, followUpSurvey(event.appealId, now));
  if (!survey) return 0;
  const contacts = await query<Invitee>(em, consentingContacts(event.appealId));
  if (!contacts.length) return 0;
  const message = surveyFollowUpMessage({ number: survey.number, title: survey.title, url });
  return em.transactional((tx) =>
    inviteContacts(app, tx as EntityManager, { id: survey.id, closesAt: survey.closes_at ? new Date(survey.closes_at) : null }, contacts, message, now),
  );
}

/**
 * Listens to the committed appeal events for the life of the app (the
 * rating mutation is not touched, as for the status notices): a follow-up
 * that fails to queue is logged, the rating stands.
 */
export async function startSurveyFollowUps(app: SurveysServices): Promise<RecurringJob> {
  return listenToCommittedEvents(
    app,
    'survey follow-up',
    (event) => event.type === AppealEventType.RATED,
    (event) => queueFollowUp(app, event),
  );
}
