import type { EntityManager } from '@mikro-orm/postgresql';
import type { SurveysServices } from './survey.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import type { Role } from '../entities/enums.js';
import type { DemoQuestion, DemoSurvey } from '../region/index.js';
import { QuestionType } from './rules/survey-enums.js';
import type { SurveyAnswerInput, SurveyInput } from './rules/survey.input.js';
import { createSurvey, moveSurvey } from './survey.service.js';
import { issueSurveyLinks, submitSurveyResponse } from './survey-links.service.js';
import { importSurveyResponses } from './survey-import.service.js';

/** A fixed-seed generator: the demo is the same on every start. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}
type Random = ReturnType<typeof random>;
const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/**
 * One respondent's answers, drawn per question type: one option, a few
 * options, a point of the scale, or one of the question's sample answers.
 * Required questions are always answered, others now and then.
 */
export function demoAnswers(questions: readonly DemoQuestion[], rnd: Random): SurveyAnswerInput[] {
  return questions.flatMap((q): SurveyAnswerInput[] => {
    const options = (q.options ?? []).map((o) => o.code);
    if (!q.required && rnd() < (q.type === 'TEXT' ? 0.85 : 0.3)) return [];
    switch (q.type) {
      case 'SINGLE_CHOICE':
        return options.length ? [{ questionCode: q.code, optionCodes: [pick(rnd, options)] }] : [];
      case 'MULTIPLE_CHOICE': {
        const chosen = options.filter(() => rnd() < 0.3);
        if (!chosen.length && options.length) chosen.push(pick(rnd, options));
        return chosen.length ? [{ questionCode: q.code, optionCodes: chosen }] : [];
      }
      case 'SCALE': {
        const min = q.scaleMin ?? 1;
        return [{ questionCode: q.code, value: min + Math.floor(rnd() * ((q.scaleMax ?? 5) - min + 1)) }];
      }
      case 'TEXT':
        return q.sampleAnswers?.length ? [{ questionCode: q.code, text: pick(rnd, q.sampleAnswers) }] : [];
    }
  });
}

function surveyInput(survey: DemoSurvey, municipalityIds: Map<string, string>): SurveyInput {
  const { municipalityCodes, ...audience } = survey.audience;
  return {
    title: survey.title,
    description: survey.description ?? null,
    audience: { ...audience, municipalityIds: municipalityCodes?.map((code) => municipalityIds.get(code)!) },
    questions: survey.questions.map(({ sampleAnswers: _, type, ...q }) => ({ ...q, type: QuestionType[type] })),
  };
}

/**
 * The demo's polls, the region pack's demo-surveys.json, made through the
 * services as staff would: each opened, its links issued and partly answered,
 * its paper forms imported, and closed when the pack says so. None without
 * the file; a poll for a sector whose plugin is off is left out.
 */
export async function seedSurveysDemo(app: SurveysServices): Promise<void> {
  const listed = app.region.demo.surveys;
  const em = app.orm.em.fork() as EntityManager;
  const [staff] = await pgQuery<{ id: string; role: Role; organization_id: string | null }>(
    em,
    `select id, role, organization_id from app_user where email = 'specialist@demo.local'`,
    [],
  );
  if (!staff || listed.length === 0) return;
  const [{ n }] = await pgQuery<{ n: number }>(em, 'select count(*)::int as n from survey', []);
  if (n > 0) return;
  const user: AuthUser = { id: staff.id, role: staff.role, organizationId: staff.organization_id, sectors: [] };
  const places = await pgQuery<{ id: string; code: string }>(em, 'select id, code from municipality order by population desc, code', []);
  const municipalityIds = new Map(places.map((p) => [p.code, p.id]));
  const rnd = random(2026);
  // Respondents lean towards the most populous municipalities.
  const place = () => places[Math.min(places.length - 1, Math.floor(rnd() ** 2 * places.length))]?.id ?? null;
  const fork = () => app.orm.em.fork() as EntityManager;

  let made = 0;
  const enabled = new Set(app.plugins.map((p) => p.code));
  // A poll addressed to a sector whose plugin is off is left out, as its appeals are.
  for (const listedSurvey of listed.filter((s) => (s.audience.sectors ?? []).every((code) => enabled.has(code)))) {
    let survey = await createSurvey(app, fork(), user, surveyInput(listedSurvey, municipalityIds));
    survey = await moveSurvey(app, fork(), user, survey.id, survey.version, 'OPENED');
    const links = await issueSurveyLinks(app, fork(), user, survey.id, listedSurvey.links, null);
    for (const link of links.slice(0, listedSurvey.linkResponses)) {
      await submitSurveyResponse(app, fork(), link.token, demoAnswers(listedSurvey.questions, rnd), place());
    }
    if (listedSurvey.paperResponses > 0) {
      const paper = Array.from({ length: listedSurvey.paperResponses }, (_, i) => ({
        rowKey: `paper-${i + 1}`,
        municipalityId: place(),
        answers: demoAnswers(listedSurvey.questions, rnd),
      }));
      await importSurveyResponses(app, fork(), user, survey.id, paper);
    }
    if (listedSurvey.status === 'CLOSED') await moveSurvey(app, fork(), user, survey.id, survey.version, 'CLOSED');
    made++;
  }
  app.logger.info({ surveys: made }, 'demo surveys loaded');
}
