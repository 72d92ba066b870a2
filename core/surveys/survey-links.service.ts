import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { appError, badInput, conflict } from '../errors/errors.js';
import { SurveyResponseSource, SurveyStatus } from './survey-enums.js';
import type { StoredQuestion, Survey } from './survey.entity.js';
import type { SurveyAnswerInput } from './survey.input.js';
import type { SurveyLinkInfo, SurveySubmission } from './survey.types.js';
import { findSurvey, recordSurveyEvent } from './survey.service.js';
import { normalizeAnswers } from './survey.rules.js';
import { writeResponses } from './survey-responses.writer.js';
import { notifySurveyChanged } from './survey-live.js';
import { lockSurveyForResponses } from './survey-lock.js';

/** 32 random bytes, base64url: what a link carries. Anything else is not one of ours. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The authors of appeals in the survey's audience who left a contact (email
 * or phone): one per contact, with their latest appeal. The citizen record
 * has no consent flag today, so "has a contact" is the whole rule; links go
 * out through the informing outbox, which applies consent when it exists.
 */
const AUDIENCE_SQL = `select distinct on (contact) id from (
  select a.id, coalesce(a.author_email_key, a.author_phone_key) as contact, a.received_at
  from appeal a
  where coalesce(a.author_email_key, a.author_phone_key) is not null
    and (cardinality($1::uuid[]) = 0 or a.municipality_id = any($1::uuid[]))
    and (cardinality($2::text[]) = 0 or a.sector_id in (select id from sector where code = any($2::text[])))
    and (cardinality($3::text[]) = 0 or a.category_id in (select id from category where code = any($3::text[])))
    and ($4::uuid is null or exists (select 1 from problem_appeal pa where pa.appeal_id = a.id and pa.problem_id = $4::uuid))
) authors order by contact, received_at desc limit $5`;

export async function issueSurveyLinks(
  app: AppServices, em: EntityManager, user: AuthUser, surveyId: string, count: number | null | undefined, forAudience: boolean | null | undefined,
): Promise<SurveyLinkInfo[]> {
  const max = app.config.SURVEY_LINKS_MAX;
  if (forAudience && count != null) throw badInput('count', 'Укажите либо count, либо forAudience');
  if (!forAudience && count == null) throw badInput('count', 'Укажите число ссылок (count) или forAudience: true');
  if (count != null && (count < 1 || count > max)) throw badInput('count', `Число ссылок — от 1 до ${max}`, { max });
  return em.transactional(async (tx) => {
    const survey = await findSurvey(tx, user, surveyId);
    if (survey.status === SurveyStatus.CLOSED) throw conflict('Опрос завершён: ссылки не выдаются', { currentVersion: survey.version });
    let appealIds: (string | null)[];
    if (forAudience) {
      const hasAudience = survey.audienceMunicipalityIds.length || survey.audienceSectors.length || survey.audienceCategories.length || survey.problem;
      if (!hasAudience) throw badInput('forAudience', 'У опроса не задана аудитория');
      const rows = await pgQuery<{ id: string }>(tx, AUDIENCE_SQL, [
        survey.audienceMunicipalityIds, survey.audienceSectors, survey.audienceCategories, survey.problem?.id ?? null, max + 1,
      ]);
      if (rows.length > max) throw badInput('forAudience', `В аудитории больше ${max} авторов: сузьте аудиторию`, { max });
      appealIds = rows.map((r) => r.id);
    } else {
      appealIds = Array.from({ length: count! }, () => null);
    }
    const now = app.clock.now();
    const ttl = new Date(now.getTime() + app.config.SURVEY_LINK_TTL_DAYS * 86_400_000);
    const expiresAt = survey.closesAt && survey.closesAt < ttl ? survey.closesAt : ttl;
    const tokens = appealIds.map(() => randomBytes(32).toString('base64url'));
    if (tokens.length) {
      await pgQuery(tx, `insert into survey_link (id, survey_id, token_hash, created_at, expires_at, for_audience)
        select gen_random_uuid(), $1, h, $3, $4, $5 from unnest($2::text[]) as h`, [survey.id, tokens.map(hashToken), now, expiresAt, Boolean(forAudience)]);
    }
    recordSurveyEvent(tx, app, survey, user, 'LINKS_ISSUED', { count: tokens.length, forAudience: Boolean(forAudience), expiresAt: expiresAt.toISOString() });
    const base = app.config.SURVEY_LINK_BASE;
    return tokens.map((token, i) => ({
      token, expiresAt, appealId: appealIds[i],
      url: base ? `${base}${base.includes('?') ? '&' : '?'}token=${token}` : null,
    }));
  });
}

interface LinkedSurvey {
  id: string;
  title: string;
  status: SurveyStatus;
  questions: StoredQuestion[];
  opens_at: Date | null;
  closes_at: Date | null;
}

/** Whether a survey takes answers now; CONFLICT with the reason otherwise. */
export function checkAccepting(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now: Date): void {
  if (survey.status === SurveyStatus.CLOSED) throw conflict('Опрос завершён, ответы больше не принимаются');
  if (survey.status !== SurveyStatus.OPEN) throw conflict('Опрос ещё не начат');
  if (survey.opensAt && now < survey.opensAt) throw conflict('Приём ответов ещё не начался');
  if (survey.closesAt && now >= survey.closesAt) throw conflict('Срок приёма ответов истёк');
}

/**
 * A resident's answers through a one-use link. In one transaction: the link
 * is claimed (`used_at` set only where it was null: of two submissions at
 * once, the second waits on the row and then finds it used), the survey's
 * lock is held shared (closing or editing waits for submissions in flight), the
 * answers are checked, the response written. Any error rolls all of it
 * back, the link included, so a refused answer can be corrected and resent.
 */
export async function submitSurveyResponse(
  app: AppServices, em: EntityManager, token: string, answers: readonly SurveyAnswerInput[], municipalityId: string | null | undefined,
): Promise<SurveySubmission> {
  if (!TOKEN.test(token)) throw badInput('token', 'Неверный формат ссылки');
  if (municipalityId != null && !UUID.test(municipalityId)) throw badInput('municipalityId', 'Неверный идентификатор');
  const now = app.clock.now();
  const result = await em.transactional(async (tx) => {
    const [link] = await pgQuery<{ survey_id: string }>(tx,
      'update survey_link set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning survey_id',
      [hashToken(token), now], { prepared: true });
    if (!link) throw appError('FORBIDDEN', 'Ссылка недействительна: неизвестна, уже использована или устарела');
    await lockSurveyForResponses(tx, link.survey_id);
    const [survey] = await pgQuery<LinkedSurvey>(tx,
      'select id, title, status, questions, opens_at, closes_at from survey where id = $1', [link.survey_id], { prepared: true });
    checkAccepting({ status: survey.status, opensAt: survey.opens_at, closesAt: survey.closes_at }, now);
    const normalized = normalizeAnswers(survey.questions, answers);
    if (municipalityId != null) {
      const [known] = await pgQuery(tx, 'select 1 from municipality where id = $1', [municipalityId], { prepared: true });
      if (!known) throw badInput('municipalityId', 'Муниципальное образование не найдено');
    }
    await writeResponses(tx, survey.id, [{ source: SurveyResponseSource.LINK, rowKey: null, municipalityId: municipalityId ?? null, submittedAt: now, answers: normalized }]);
    return { surveyId: survey.id, title: survey.title };
  });
  notifySurveyChanged(result.surveyId);
  return { accepted: true, surveyTitle: result.title, submittedAt: now };
}
