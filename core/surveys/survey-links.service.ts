import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { appError, badInput, conflict } from '../errors/errors.js';
import { SurveyResponseSource, SurveyStatus } from './rules/survey-enums.js';
import { NO_MUNICIPALITY, tallyKeys } from './survey-tally.js';
import type { StoredQuestion, Survey } from './survey.entity.js';
import type { SurveyAnswerInput } from './rules/survey.input.js';
import type { SurveyLinkInfo, SurveySubmission } from './survey.types.js';
import { findSurvey, recordSurveyEvent } from './survey.service.js';
import { normalizeAnswers } from './rules/survey.rules.js';
import { answerColumns } from './survey-responses.writer.js';
import { notifySurveyChanged } from './survey-live.js';

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
  app: CoreServices,
  em: EntityManager,
  user: AuthUser,
  surveyId: string,
  count: number | null | undefined,
  forAudience: boolean | null | undefined,
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
        survey.audienceMunicipalityIds,
        survey.audienceSectors,
        survey.audienceCategories,
        survey.problem?.id ?? null,
        max + 1,
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
      await pgQuery(
        tx,
        `insert into survey_link (id, survey_id, token_hash, created_at, expires_at, for_audience)
        select gen_random_uuid(), $1, h, $3, $4, $5 from unnest($2::text[]) as h`,
        [survey.id, tokens.map(hashToken), now, expiresAt, Boolean(forAudience)],
      );
    }
    recordSurveyEvent(tx, app, survey, user, 'LINKS_ISSUED', { count: tokens.length, forAudience: Boolean(forAudience), expiresAt: expiresAt.toISOString() });
    const base = app.config.SURVEY_LINK_BASE;
    return tokens.map((token, i) => ({
      token,
      expiresAt,
      appealId: appealIds[i],
      url: base ? `${base}${base.includes('?') ? '&' : '?'}token=${token}` : null,
    }));
  });
}

/** Timestamps come from pg as the connection's type parsers give them (text here): compared as dates. */
const dateOf = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

interface LinkedSurvey {
  survey_id: string;
  used_at: Date | string | null;
  expires_at: Date | string;
  version: number;
  title: string;
  status: SurveyStatus;
  questions: StoredQuestion[];
  opens_at: Date | string | null;
  closes_at: Date | string | null;
}

const LINKED_SURVEY_SQL = `select l.survey_id, l.used_at, l.expires_at, s.version, s.title, s.status, s.questions, s.opens_at, s.closes_at
from survey_link l join survey s on s.id = l.survey_id where l.token_hash = $1`;

/**
 * One statement, so one round trip and its own transaction: the survey row
 * is held FOR SHARE while still open, of the version whose questions the
 * answers were checked against, within its period (closing or editing takes
 * the row FOR UPDATE, so it waits for the submissions in flight, and a
 * submission waiting on a close re-reads the row and finds it closed); then
 * the link is claimed (of two submissions at once, the second waits on the
 * link's row and finds it used) and the response, its answers and their
 * tally written (survey-tally.ts: keys in a fixed order, no deadlock).
 * Whatever condition fails, nothing is written, the link stays unused.
 * (The FK check of survey_response takes the same row FOR KEY SHARE anyway,
 * so the share lock costs no extra write.)
 */
const SUBMIT_SQL = `with s as (
  select id from survey where id = $1 and version = $2 and status = 'OPEN'
    and (opens_at is null or opens_at <= $4) and (closes_at is null or closes_at > $4)
    and ($5::uuid is null or exists (select 1 from municipality where id = $5::uuid))
  for share
), link as (
  update survey_link set used_at = $4 where token_hash = $3 and survey_id in (select id from s) and used_at is null and expires_at > $4
  returning survey_id
), response as (
  insert into survey_response (id, survey_id, source, row_key, municipality_id, submitted_at)
  select gen_random_uuid(), survey_id, 'LINK', null, $5::uuid, $4 from link returning id
), answers as (
  insert into survey_answer (response_id, question_code, survey_id, municipality_id, choice_bits, value, text)
  select response.id, a.question_code, $1, $5::uuid, a.bits, a.value, a.text
  from response cross join unnest($6::text[], $7::bigint[], $8::int[], $9::text[]) as a(question_code, bits, value, text)
), tally as (
  insert into survey_tally (survey_id, question_code, municipality_id, answer_key, n)
  select $1, t.code, coalesce($5::uuid, '${NO_MUNICIPALITY}'::uuid), t.key, 1
  from response cross join unnest($10::text[], $11::bigint[]) as t(code, key)
  order by 2, 3, 4
  on conflict (survey_id, question_code, municipality_id, answer_key) do update set n = survey_tally.n + 1
)
select count(*)::int as written from response`;

/** Whether a survey takes answers now; CONFLICT with the reason otherwise. */
export function checkAccepting(survey: Pick<Survey, 'status' | 'opensAt' | 'closesAt'>, now: Date): void {
  if (survey.status === SurveyStatus.CLOSED) throw conflict('Опрос завершён, ответы больше не принимаются');
  if (survey.status !== SurveyStatus.OPEN) throw conflict('Опрос ещё не начат');
  if (survey.opensAt && now < survey.opensAt) throw conflict('Приём ответов ещё не начался');
  if (survey.closesAt && now >= survey.closesAt) throw conflict('Срок приёма ответов истёк');
}

/**
 * A resident's answers through a one-use link, in two round trips: the link
 * and its survey read, the answers checked against that version's
 * questions, then SUBMIT_SQL writes everything or nothing (the link
 * included, so a refused answer can be corrected and resent). When it wrote
 * nothing, the reason is read afresh: a used or expired link FORBIDDEN, a
 * closed survey CONFLICT, an unknown municipality BAD_USER_INPUT, a survey
 * edited in between one more attempt.
 */
export async function submitSurveyResponse(
  app: CoreServices,
  em: EntityManager,
  token: string,
  answers: readonly SurveyAnswerInput[],
  municipalityId: string | null | undefined,
): Promise<SurveySubmission> {
  if (!TOKEN.test(token)) throw badInput('token', 'Неверный формат ссылки');
  if (municipalityId != null && !UUID.test(municipalityId)) throw badInput('municipalityId', 'Неверный идентификатор');
  const hash = hashToken(token);
  // The second attempt only when the survey changed between the read and the write.
  for (let attempt = 0; ; attempt++) {
    const now = app.clock.now();
    const [linked] = await pgQuery<LinkedSurvey>(em, LINKED_SURVEY_SQL, [hash], { prepared: true });
    if (!linked || linked.used_at || new Date(linked.expires_at) <= now)
      throw appError('FORBIDDEN', 'Ссылка недействительна: неизвестна, уже использована или устарела');
    checkAccepting({ status: linked.status, opensAt: dateOf(linked.opens_at), closesAt: dateOf(linked.closes_at) }, now);
    const normalized = normalizeAnswers(linked.questions, answers);
    const columns = answerColumns(linked.questions, normalized);
    const keys = tallyKeys(linked.questions, SurveyResponseSource.LINK, normalized);
    const [{ written }] = await pgQuery<{ written: number }>(
      em,
      SUBMIT_SQL,
      [linked.survey_id, linked.version, hash, now, municipalityId ?? null, columns.code, columns.bits, columns.value, columns.text, keys.code, keys.key],
      { prepared: true },
    );
    if (written) {
      notifySurveyChanged(linked.survey_id);
      return { accepted: true, surveyTitle: linked.title, submittedAt: now };
    }
    // Nothing written: say why, read afresh (a rare path: a used link, a close or an edit in between).
    const [again] = await pgQuery<LinkedSurvey>(em, LINKED_SURVEY_SQL, [hash], { prepared: true });
    if (!again || again.used_at || new Date(again.expires_at) <= now)
      throw appError('FORBIDDEN', 'Ссылка недействительна: неизвестна, уже использована или устарела');
    checkAccepting({ status: again.status, opensAt: dateOf(again.opens_at), closesAt: dateOf(again.closes_at) }, now);
    if (municipalityId != null) {
      const [known] = await pgQuery(em, 'select 1 from municipality where id = $1', [municipalityId], { prepared: true });
      if (!known) throw badInput('municipalityId', 'Муниципальное образование не найдено');
    }
    if (attempt > 0) throw conflict('Опрос изменился во время отправки: отправьте ответы ещё раз');
  }
}
