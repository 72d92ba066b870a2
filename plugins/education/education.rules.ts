/**
 * Routing, urgent deadlines and KPIs of the education sector.
 * Anything not matched here goes to the sector's executive body (the core's
 * fallback, the ministry of education).
 */
import {
  complainsAboutOwnAdministration,
  isHeatingSeason,
  textOf,
  type DeadlineRule,
  type KpiDefinition,
  type RoutingRule,
} from '../../core/plugin-api/index.js';
import { regionalInstitutionPattern } from './education.region-tables.js';

const COLD = /холодн|мерзн|мерзнут|замерза|не топ|отоплени|температур|в куртках|в верхней одежде/;
const POISONING = /отрав|кишечн|рвот|инфекц|госпитализ/;
const VIOLENCE = /избил|избива|бьют|травл|травят|угрож|насили|буллинг|нож|драк/;
const BUS_MISSING = /не приехал|не пришел|не ходит|не ездит|отмен|нет автобус|сломал|не довез|пешком|не забрал/;
const DANGEROUS = /обруш|трещин|аварийн|провалил|упал\S* (потол|штукатур)/;

/** The sector's own executive body, bound by the region pack (`responsibleBody` in index.ts). */
const MINISTRY = { role: 'ministry-of-education' };

export const educationRouting: RoutingRule[] = [
  {
    code: 'education.complaint-about-administration',
    description: 'Жалоба на администрацию муниципалитета (её отдел образования) направляется в Минобразования (59-ФЗ, ст. 8 ч. 6)',
    priority: 1,
    when: complainsAboutOwnAdministration,
    target: MINISTRY,
  },
  {
    code: 'education.regional-institutions',
    description: 'Республиканские лицеи, школы-интернаты, колледжи и техникумы — Минобразования как учредитель',
    priority: 10,
    when: (facts) => regionalInstitutionPattern().test(textOf(facts)),
    target: MINISTRY,
  },
  {
    code: 'education.regional-matters',
    description: 'ГИА, кадровое обеспечение и оплата труда педагогов — Минобразования (273-ФЗ «Об образовании в Российской Федерации», ст. 8)',
    priority: 20,
    categories: ['education.exams', 'education.teachers-shortage', 'education.teacher-salary'],
    target: MINISTRY,
  },
  {
    code: 'education.municipal-matters',
    description:
      'Детские сады, приём в школы, подвоз, питание, здания, кружки и безопасность в муниципальных организациях — администрация муниципалитета (273-ФЗ, ст. 9)',
    priority: 30,
    categories: [
      'education.kindergarten-queue',
      'education.kindergarten-fees',
      'education.school-enrolment',
      'education.school-transport',
      'education.school-meals',
      'education.school-building',
      'education.additional-education',
      'education.conflicts',
      'education.school-safety',
    ],
    target: { municipalAdministration: true },
  },
];

export const educationDeadlines: DeadlineRule[] = [
  {
    code: 'education.dangerous-building',
    description: 'Угроза обрушения, аварийное состояние здания школы или детского сада: ответ в течение 4 часов',
    categories: ['education.school-building'],
    when: (facts) => DANGEROUS.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
  {
    code: 'education.food-poisoning',
    description: 'Подозрение на отравление детей в столовой: ответ в течение 4 часов',
    categories: ['education.school-meals'],
    when: (facts) => POISONING.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
  {
    code: 'education.cold-classrooms',
    description: 'Холодно в классах или группах в отопительный сезон (1 октября – 15 мая): ответ в течение 24 часов',
    categories: ['education.school-building'],
    when: (facts) => isHeatingSeason(facts.receivedAt) && COLD.test(textOf(facts)),
    answerWithin: { hours: 24 },
  },
  {
    code: 'education.school-bus-missing',
    description: 'Школьный автобус не пришёл, дети не могут добраться до школы: ответ в течение 24 часов',
    categories: ['education.school-transport'],
    when: (facts) => BUS_MISSING.test(textOf(facts)),
    answerWithin: { hours: 24 },
  },
  {
    code: 'education.child-safety',
    description: 'Насилие, травля, угрозы ребёнку: ответ в течение 1 рабочего дня',
    categories: ['education.conflicts', 'education.school-safety'],
    when: (facts) => VIOLENCE.test(textOf(facts)),
    answerWithin: { workingDays: 1 },
  },
  {
    code: 'education.exam-appeal',
    description: 'Апелляция по ЕГЭ/ОГЭ: ответ в течение 2 рабочих дней, пока не истекли сроки апелляции',
    categories: ['education.exams'],
    when: (facts) => /апелляц/.test(textOf(facts)),
    answerWithin: { workingDays: 2 },
  },
];

export const educationKpis: KpiDefinition[] = [
  {
    code: 'education.kindergarten-queue-count',
    name: 'Число обращений об очереди в детские сады',
    measure: 'count',
    categories: ['education.kindergarten-queue'],
  },
  {
    code: 'education.on-time',
    name: 'Доля ответов в срок по образованию',
    measure: 'onTimeRate',
    target: 0.95,
  },
  {
    code: 'education.school-meals-satisfaction',
    name: 'Средняя оценка ответов о школьном питании',
    measure: 'satisfactionAvg',
    categories: ['education.school-meals'],
    target: 4,
  },
  {
    code: 'education.school-transport-overdue',
    name: 'Доля просроченных обращений о подвозе обучающихся',
    measure: 'overdueShare',
    categories: ['education.school-transport'],
    target: 0.05,
  },
];
