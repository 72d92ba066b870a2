import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { RegionPack } from '../region/index.js';
import type { CoreServices } from '../config/core-services.js';
import type { AuthenticateServices } from '../auth/authenticate.js';
import type { EventBus } from '../events/event-bus.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { User } from '../entities/user.entity.js';
import { Problem } from '../entities/problem.entity.js';
import { badInput, conflict, notFound } from '../errors/errors.js';
import { Survey } from './survey.entity.js';
import { SurveyEvent } from './survey-event.entity.js';
import { SurveyStatus } from './rules/survey-enums.js';
import { normalizeSurvey } from './rules/survey.rules.js';
import type { SurveyAudienceInput, SurveyInput } from './rules/survey.input.js';
import { surveyInScope } from './survey-access.js';
import { lockSurveyForChange } from './survey-lock.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the surveys use of the app's services: the plugins (sectors, templates), the committed events (follow-ups), the callers' tokens (files). */
export interface SurveysServices extends CoreServices, AuthenticateServices {
  plugins: SectorPlugin[];
  /** The region served: its demo polls (demo-surveys.json) among its data. */
  region: RegionPack;
  events: EventBus;
}

/** Reads a survey the caller may see, or NOT_FOUND (a survey out of scope is not revealed). */
export async function findSurvey(em: EntityManager, user: AuthUser, id: string, options: { lock?: boolean } = {}): Promise<Survey> {
  // A change waits for the responses being written (survey-lock.ts), then locks the row for itself.
  if (options.lock && UUID.test(id)) await lockSurveyForChange(em, id);
  const survey = UUID.test(id) ? await em.findOne(Survey, id, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {}) : null;
  if (!survey || !surveyInScope(user, survey.audienceSectors)) throw notFound('Опрос', id);
  return survey;
}

export function recordSurveyEvent(
  em: EntityManager,
  app: CoreServices,
  survey: Survey,
  user: AuthUser | null,
  type: string,
  data: Record<string, unknown> | null = null,
): void {
  em.persist(
    em.create(SurveyEvent, {
      survey,
      type,
      at: app.clock.now(),
      version: survey.version,
      data,
      actorUser: user ? em.getReference(User, user.id) : null,
    }),
  );
}

/** The audience checked against the reference data and the caller's sectors. */
async function readAudience(app: SurveysServices, em: EntityManager, user: AuthUser, audience: SurveyAudienceInput | null | undefined, prefix: string) {
  const municipalityIds = [...new Set(audience?.municipalityIds ?? [])];
  const sectors = [...new Set(audience?.sectors ?? [])];
  const categories = [...new Set(audience?.categories ?? [])];
  const problemId = audience?.problemId ?? null;
  if (municipalityIds.length) {
    const rows = await pgQuery<{ id: string }>(em, 'select id from municipality where id = any($1::uuid[])', [municipalityIds]);
    const known = new Set(rows.map((r) => r.id));
    const i = municipalityIds.findIndex((id) => !known.has(id));
    if (i >= 0) throw badInput(`${prefix}.audience.municipalityIds.${i}`, `Муниципальное образование ${municipalityIds[i]} не найдено`);
  }
  const enabled = app.plugins.map((p) => p.code);
  const unknownSector = sectors.findIndex((s) => !enabled.includes(s));
  if (unknownSector >= 0) throw badInput(`${prefix}.audience.sectors.${unknownSector}`, `Нет сектора ${sectors[unknownSector].slice(0, 64)}`);
  if (!surveyInScope(user, sectors)) {
    // Not FORBIDDEN: the role may run surveys, this audience is what is wrong.
    throw badInput(`${prefix}.audience.sectors`, 'Укажите в аудитории только свои сектора');
  }
  if (categories.length) {
    const rows = await pgQuery<{ code: string }>(em, 'select code from category where code = any($1::text[])', [categories]);
    const known = new Set(rows.map((r) => r.code));
    const i = categories.findIndex((c) => !known.has(c));
    if (i >= 0) throw badInput(`${prefix}.audience.categories.${i}`, `Нет рубрики ${categories[i].slice(0, 64)}`);
  }
  if (problemId && !(await em.count(Problem, { id: problemId }))) throw badInput(`${prefix}.audience.problemId`, `Проблема ${problemId} не найдена`);
  return {
    audienceMunicipalityIds: municipalityIds,
    audienceSectors: sectors,
    audienceCategories: categories,
    problem: problemId ? em.getReference(Problem, problemId) : null,
  };
}

function checkVersion(survey: Survey, expectedVersion: number): void {
  if (survey.version !== expectedVersion) {
    throw conflict(`Опрос изменён другим пользователем: версия ${survey.version}, ожидалась ${expectedVersion}`, {
      currentVersion: survey.version,
      field: 'expectedVersion',
    });
  }
}

async function responseCount(em: EntityManager, surveyId: string): Promise<number> {
  const [row] = await pgQuery<{ n: number }>(em, 'select count(*)::int as n from survey_response where survey_id = $1', [surveyId]);
  return row.n;
}

export async function createSurvey(app: SurveysServices, em: EntityManager, user: AuthUser, input: SurveyInput): Promise<Survey> {
  const normalized = normalizeSurvey(input);
  return em.transactional(async (tx) => {
    const audience = await readAudience(app, tx, user, input.audience, 'input');
    const now = app.clock.now();
    const survey = tx.create(Survey, {
      ...normalized,
      ...audience,
      version: 1,
      status: SurveyStatus.DRAFT,
      createdBy: tx.getReference(User, user.id),
      createdAt: now,
      updatedAt: now,
    });
    tx.persist(survey);
    recordSurveyEvent(tx, app, survey, user, 'CREATED', { title: survey.title, questions: survey.questions.length });
    return survey;
  });
}

/**
 * Edits a survey before anyone answered it. Once a response exists the
 * questionnaire is fixed (the answers were given to these questions): a new
 * version is a copy (copySurvey). Submissions hold the survey's lock shared,
 * so "no responses" is exact while this holds it exclusive (survey-lock.ts).
 */
export async function updateSurvey(
  app: SurveysServices,
  em: EntityManager,
  user: AuthUser,
  id: string,
  input: SurveyInput,
  expectedVersion: number,
): Promise<Survey> {
  const normalized = normalizeSurvey(input);
  return em.transactional(async (tx) => {
    const survey = await findSurvey(tx, user, id, { lock: true });
    checkVersion(survey, expectedVersion);
    if (survey.status === SurveyStatus.CLOSED) throw conflict('Завершённый опрос не изменяется', { currentVersion: survey.version });
    const responses = await responseCount(tx, survey.id);
    if (responses > 0)
      throw conflict('На опрос уже отвечали: изменить его нельзя, создайте новую версию (copySurvey)', { currentVersion: survey.version, responses });
    const audience = await readAudience(app, tx, user, input.audience, 'input');
    tx.assign(survey, { ...normalized, ...audience, version: survey.version + 1, updatedAt: app.clock.now() });
    recordSurveyEvent(tx, app, survey, user, 'UPDATED', { title: survey.title, questions: survey.questions.length });
    return survey;
  });
}

/** A new draft with the same questionnaire and audience: the way to change a survey that has answers. */
export async function copySurvey(app: CoreServices, em: EntityManager, user: AuthUser, id: string): Promise<Survey> {
  return em.transactional(async (tx) => {
    const source = await findSurvey(tx, user, id);
    const now = app.clock.now();
    const copy = tx.create(Survey, {
      version: 1,
      status: SurveyStatus.DRAFT,
      title: source.title,
      description: source.description,
      opensAt: null,
      closesAt: null,
      questions: structuredClone(source.questions),
      followUpAfterRating: source.followUpAfterRating,
      audienceMunicipalityIds: [...source.audienceMunicipalityIds],
      audienceSectors: [...source.audienceSectors],
      audienceCategories: [...source.audienceCategories],
      problem: source.problem ?? null,
      copiedFrom: source,
      createdBy: tx.getReference(User, user.id),
      createdAt: now,
      updatedAt: now,
    });
    tx.persist(copy);
    recordSurveyEvent(tx, app, copy, user, 'CREATED', { copiedFrom: source.id, sourceVersion: source.version });
    recordSurveyEvent(tx, app, source, user, 'COPIED', { copy: copy.id });
    return copy;
  });
}

const TRANSITIONS: Record<'OPENED' | 'CLOSED', { from: SurveyStatus; to: SurveyStatus; refusal: string }> = {
  OPENED: { from: SurveyStatus.DRAFT, to: SurveyStatus.OPEN, refusal: 'Открыть можно только черновик' },
  CLOSED: { from: SurveyStatus.OPEN, to: SurveyStatus.CLOSED, refusal: 'Завершить можно только идущий опрос' },
};

export async function moveSurvey(
  app: CoreServices,
  em: EntityManager,
  user: AuthUser,
  id: string,
  expectedVersion: number,
  type: 'OPENED' | 'CLOSED',
): Promise<Survey> {
  const rule = TRANSITIONS[type];
  const survey = await em.transactional(async (tx) => {
    const locked = await findSurvey(tx, user, id, { lock: true });
    checkVersion(locked, expectedVersion);
    if (locked.status !== rule.from) throw conflict(`${rule.refusal} (сейчас ${locked.status})`, { currentVersion: locked.version, status: locked.status });
    tx.assign(locked, { status: rule.to, version: locked.version + 1, updatedAt: app.clock.now() });
    recordSurveyEvent(tx, app, locked, user, type, { from: rule.from, to: rule.to });
    return locked;
  });
  return survey;
}
