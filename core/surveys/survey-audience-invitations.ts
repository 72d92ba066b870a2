import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { and, query, sql, type Sql } from '../db/sql.js';
import { badInput, conflict } from '../errors/errors.js';
import { residentChannels } from '../notifications/outbox.service.js';
import { surveyInvitationMessage } from '../notifications/templates.js';
import { SurveyStatus } from './rules/survey-enums.js';
import type { Survey } from './survey.entity.js';
import { findSurvey, recordSurveyEvent } from './survey.service.js';
import { invitationUrl, inviteContacts, type Invitee } from './survey-invitations.js';

/** The appeals of a survey's audience, as conditions over `appeal as a` (only the criteria it sets). */
function audienceConditions(survey: Survey): Sql[] {
  const parts: Sql[] = [];
  if (survey.audienceMunicipalityIds.length) parts.push(sql`a.municipality_id = any(${survey.audienceMunicipalityIds}::uuid[])`);
  if (survey.audienceSectors.length) parts.push(sql`a.sector_id in (select id from sector where code = any(${survey.audienceSectors}::text[]))`);
  if (survey.audienceCategories.length) parts.push(sql`a.category_id in (select id from category where code = any(${survey.audienceCategories}::text[]))`);
  if (survey.problem) parts.push(sql`exists (select 1 from problem_appeal pa where pa.appeal_id = a.id and pa.problem_id = ${survey.problem.id}::uuid)`);
  return parts;
}

/**
 * The contacts of the audience's authors that agreed to be asked and did not
 * opt out, each once, with the address of its latest appeal.
 */
const audienceContacts = (where: Sql, limit: number) => sql`
select distinct on (c.key) c.key, c.recipient from (
  select 'email:' || a.author_email_key as key, a.author_email as recipient, a.received_at
  from appeal a where a.author_email_key is not null and a.author_email is not null and ${where}
  union all
  select 'phone:' || a.author_phone_key, a.author_phone, a.received_at
  from appeal a where a.author_phone_key is not null and a.author_phone is not null and ${where}
) c
join survey_consent sc on sc.contact_key = c.key and sc.consent
where not exists (select 1 from notification_contact k where k.contact_key = c.key and k.opted_out_at is not null)
order by c.key, c.received_at desc
limit ${limit}`;

export interface InvitationReport {
  invited: number;
  contacts: number;
}

/**
 * Sends an open survey's link to every contact of its audience that agreed
 * to be asked, through the informing outbox, once per contact and survey:
 * a second call invites only those who agreed since (survey-invitations.ts).
 * At most SURVEY_LINKS_MAX contacts a survey (a wider audience is refused,
 * as for issueSurveyLinks). Recorded in the survey's history.
 */
export async function sendSurveyInvitations(app: CoreServices, em: EntityManager, user: AuthUser, surveyId: string): Promise<InvitationReport> {
  const max = app.config.SURVEY_LINKS_MAX;
  return em.transactional(async (tx) => {
    const survey = await findSurvey(tx, user, surveyId);
    if (survey.status !== SurveyStatus.OPEN) throw conflict('Приглашения рассылаются только по идущему опросу', { status: survey.status });
    const conditions = audienceConditions(survey);
    if (!conditions.length) throw badInput('surveyId', 'У опроса не задана аудитория');
    const url = invitationUrl(app);
    if (!url) throw conflict('Не задан адрес страницы опроса (SURVEY_LINK_BASE): ссылку не во что вставить');
    if (!residentChannels(app).length) throw conflict('Каналы доставки жителям выключены (NOTIFY_CHANNELS)');
    const contacts = await query<Invitee>(tx as EntityManager, audienceContacts(and(conditions), max + 1));
    if (contacts.length > max) throw badInput('surveyId', `В аудитории больше ${max} согласившихся: сузьте аудиторию`, { max });
    const now = app.clock.now();
    const message = surveyInvitationMessage(
      { title: survey.title, description: survey.description ?? null, url, closesAt: survey.closesAt ?? null },
      app.config.TIME_ZONE,
    );
    const invited = await inviteContacts(app, tx as EntityManager, survey, contacts, message, now);
    recordSurveyEvent(tx as EntityManager, app, survey, user, 'INVITATIONS_QUEUED', { invited, contacts: contacts.length });
    return { invited, contacts: contacts.length };
  });
}
