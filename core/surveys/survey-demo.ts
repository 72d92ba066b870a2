import type { EntityManager } from '@mikro-orm/postgresql';
import type { SurveysServices } from './survey.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import type { Role } from '../entities/enums.js';
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

const HEATING: SurveyInput = {
  title: 'Отопительный сезон: довольны ли вы теплом в квартире?',
  description: 'Опрос жителей многоквартирных домов по итогам отопительного сезона',
  audience: { sectors: ['housing'] },
  questions: [
    {
      code: 'warm',
      text: 'Тепло ли в вашей квартире этой зимой?',
      type: QuestionType.SINGLE_CHOICE,
      required: true,
      options: [
        { code: 'yes', text: 'Да' },
        { code: 'sometimes', text: 'Не всегда' },
        { code: 'no', text: 'Нет' },
      ],
    },
    {
      code: 'issues',
      text: 'С чем сталкивались?',
      type: QuestionType.MULTIPLE_CHOICE,
      required: false,
      options: [
        { code: 'cold', text: 'Холодные батареи' },
        { code: 'late', text: 'Позднее включение' },
        { code: 'leaks', text: 'Протечки' },
        { code: 'bills', text: 'Завышенные счета' },
      ],
    },
    { code: 'rating', text: 'Оцените работу управляющей компании от 1 до 5', type: QuestionType.SCALE, required: true, scaleMin: 1, scaleMax: 5 },
    { code: 'comment', text: 'Что нужно исправить в первую очередь?', type: QuestionType.TEXT, required: false },
  ],
};

const ROADS: SurveyInput = {
  title: 'Качество дорог в вашем населённом пункте',
  description: 'Оперативный опрос перед планированием ремонта дорог',
  audience: { sectors: ['roads'] },
  questions: [
    { code: 'state', text: 'Как вы оцениваете состояние дорог?', type: QuestionType.SCALE, required: true, scaleMin: 1, scaleMax: 10 },
    {
      code: 'priority',
      text: 'Что ремонтировать первым?',
      type: QuestionType.SINGLE_CHOICE,
      required: true,
      options: [
        { code: 'yards', text: 'Дворы' },
        { code: 'streets', text: 'Улицы' },
        { code: 'sidewalks', text: 'Тротуары' },
      ],
    },
  ],
};

const COMMENTS = [
  'Батареи еле тёплые по утрам',
  'Всё хорошо, спасибо',
  'Долго не включали отопление в октябре',
  'Прошу проверить стояк в подъезде',
  'Счета выросли, а теплее не стало',
  'Протекает крыша над квартирой',
];

/**
 * The demo's polls, made through the services as staff would: a closed
 * survey on heating with a few hundred responses (links and paper forms),
 * and an open one on roads that is still taking answers.
 */
export async function seedSurveysDemo(app: SurveysServices): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  const [staff] = await pgQuery<{ id: string; role: Role; organization_id: string | null }>(
    em,
    `select id, role, organization_id from app_user where email = 'specialist@demo.local'`,
    [],
  );
  if (!staff) return;
  const [{ n }] = await pgQuery<{ n: number }>(em, 'select count(*)::int as n from survey', []);
  if (n > 0) return;
  const user: AuthUser = { id: staff.id, role: staff.role, organizationId: staff.organization_id, sectors: [] };
  const places = await pgQuery<{ id: string; population: number }>(em, 'select id, population from municipality order by population desc', []);
  const rnd = random(2026);
  const place = () => places[Math.min(places.length - 1, Math.floor(rnd() ** 2 * places.length))].id;
  const fork = () => app.orm.em.fork() as EntityManager;

  const heatingAnswers = (i: number): SurveyAnswerInput[] => {
    const warm = rnd() < 0.55 ? 'yes' : rnd() < 0.6 ? 'sometimes' : 'no';
    const answers: SurveyAnswerInput[] = [
      { questionCode: 'warm', optionCodes: [warm] },
      { questionCode: 'rating', value: warm === 'yes' ? 3 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 3) },
    ];
    const issues = ['cold', 'late', 'leaks', 'bills'].filter(() => rnd() < 0.3);
    if (issues.length) answers.push({ questionCode: 'issues', optionCodes: issues });
    if (i % 9 === 0) answers.push({ questionCode: 'comment', text: COMMENTS[i % COMMENTS.length] });
    return answers;
  };

  let heating = await createSurvey(app, fork(), user, HEATING);
  heating = await moveSurvey(app, fork(), user, heating.id, heating.version, 'OPENED');
  const heatingLinks = await issueSurveyLinks(app, fork(), user, heating.id, 150, null);
  for (let i = 0; i < 120; i++) await submitSurveyResponse(app, fork(), heatingLinks[i].token, heatingAnswers(i), place());
  const paper = Array.from({ length: 200 }, (_, i) => ({ rowKey: `paper-${i + 1}`, municipalityId: place(), answers: heatingAnswers(i + 120) }));
  await importSurveyResponses(app, fork(), user, heating.id, paper);
  await moveSurvey(app, fork(), user, heating.id, heating.version, 'CLOSED');

  let roads = await createSurvey(app, fork(), user, ROADS);
  roads = await moveSurvey(app, fork(), user, roads.id, roads.version, 'OPENED');
  const roadLinks = await issueSurveyLinks(app, fork(), user, roads.id, 100, null);
  for (let i = 0; i < 40; i++) {
    await submitSurveyResponse(
      app,
      fork(),
      roadLinks[i].token,
      [
        { questionCode: 'state', value: 1 + Math.floor(rnd() * 10) },
        { questionCode: 'priority', optionCodes: [['yards', 'streets', 'sidewalks'][Math.floor(rnd() * 3)]] },
      ],
      place(),
    );
  }
  app.logger.info({ surveys: 2 }, 'demo surveys loaded');
}
