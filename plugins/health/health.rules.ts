import {
  mentions,
  notAgainst,
  textOf,
  type AppealFacts,
  type BodyRole,
  type DeadlineRule,
  type KpiDefinition,
  type RoutingRule,
} from '../../core/plugin-api/index.js';
import { hospitalServing } from './health.region-tables.js';

/** Care given by a hospital to the people of its area; rudeness goes to the ministry, never to the hospital itself. */
const HOSPITAL_CARE = [
  'health.appointment',
  'health.hospital-care',
  'health.diagnostics',
  'health.children',
  'health.dental',
  'health.checkup',
  'health.vaccination',
];

/** Roles of the bodies the rules route to, beside the ministry; the region pack binds them (docs/regions.md). */
export const healthBodyRoles: BodyRole[] = [
  { role: 'health.ambulance', name: 'Станция (центр) скорой медицинской помощи региона' },
  { role: 'health.insurance-fund', name: 'Территориальный фонд обязательного медицинского страхования' },
  { role: 'health.regional-hospital', name: 'Республиканская (областная, краевая) клиническая больница', optional: true },
];

const AMBULANCE = { role: 'health.ambulance' };
const INSURANCE_FUND = { role: 'health.insurance-fund' };
const REGIONAL_HOSPITAL = { role: 'health.regional-hospital' };

/** The hospital serving the appeal's municipality (the pack's hospital-areas), unless the appeal complains about it. */
const territorialHospital = (facts: AppealFacts): string | null => {
  const code = hospitalServing(facts.municipalityCode);
  return code !== null && notAgainst(code)(facts) ? code : null;
};

export const healthRouting: RoutingRule[] = [
  {
    code: 'health.ambulance-station',
    description: 'Скорая помощь — станция скорой медицинской помощи региона (жалобы на саму станцию — в министерство)',
    priority: 10,
    categories: ['health.ambulance'],
    when: notAgainst(AMBULANCE),
    target: AMBULANCE,
  },
  {
    code: 'health.compulsory-insurance',
    description: 'Полис ОМС, страховые организации и платные услуги вместо бесплатных — территориальный фонд ОМС',
    priority: 20,
    categories: ['health.oms', 'health.paid-services'],
    when: notAgainst(INSURANCE_FUND),
    target: INSURANCE_FUND,
  },
  {
    code: 'health.republican-hospital',
    description: 'Помощь, оказанная в республиканской клинической больнице, — сама больница',
    priority: 30,
    categories: ['health.hospital-care', 'health.diagnostics', 'health.facility-condition'],
    when: (facts) => /республиканск\S* клиническ\S* больниц|ркб/.test(textOf(facts)) && notAgainst(REGIONAL_HOSPITAL)(facts),
    target: REGIONAL_HOSPITAL,
  },
  {
    code: 'health.territorial-hospital',
    description: 'Медицинская помощь жителям муниципалитетов, которые обслуживает больница (таблица hospital-areas пакета региона), — сама больница',
    priority: 40,
    categories: HOSPITAL_CARE,
    when: (facts) => territorialHospital(facts) !== null,
    target: { organizationOf: territorialHospital },
  },
];

export const healthDeadlines: DeadlineRule[] = [
  {
    code: 'health.ambulance-not-arriving',
    description: 'Скорая не приехала, не выезжает или к ней не дозвониться — ответ в течение 4 часов',
    categories: ['health.ambulance'],
    when: mentions(/не (приехал|приезжа|доехал|едет|выехал|выезжа)|так и не|не дозвон|отказ\S* (в )?выезд|(ждал|ждем|ждали|ожидал)\S*.{0,40}(час|минут)/),
    answerWithin: { hours: 4 },
  },
  {
    code: 'health.vital-drug-missing',
    description: 'Нет жизненно необходимого препарата (инсулин, онкология, обезболивание, противосудорожные) — ответ в течение 4 часов',
    categories: ['health.drugs'],
    when: mentions(/инсулин|онколог|химиотерап|противоопухол|обезболива|противосудорож|жизненно|орфанн|трансплант|нечем (колоть|лечить)/),
    answerWithin: { hours: 4 },
  },
  {
    // A deferred preferential prescription must be served within 10 working
    // days (the Ministry of Health's rules on dispensing medicines, order
    // No. 1093н); an answer in 5 leaves time to act before that runs out.
    code: 'health.preferential-drugs',
    description: 'Льготное лекарственное обеспечение — ответ в течение 5 рабочих дней',
    categories: ['health.drugs'],
    answerWithin: { workingDays: 5 },
  },
  {
    code: 'health.hospitalisation-refused',
    description: 'Отказ в госпитализации — ответ в течение 24 часов',
    categories: ['health.hospital-care', 'health.ambulance'],
    when: mentions(/отказ\S* (в )?госпитализ|не (госпитализир|положил)/),
    answerWithin: { hours: 24 },
  },
  {
    code: 'health.home-visit-refused',
    description: 'Врач не приходит на вызов на дом — ответ в течение 24 часов',
    categories: ['health.appointment', 'health.children'],
    when: mentions(/на дом([^а-я]|$)/),
    answerWithin: { hours: 24 },
  },
];

export const healthKpis: KpiDefinition[] = [
  {
    code: 'health.ambulance-response',
    name: 'Медианное время ответа по обращениям о скорой помощи, часов',
    measure: 'medianResponseHours',
    categories: ['health.ambulance'],
    target: 4,
  },
  {
    code: 'health.drugs-on-time',
    name: 'Доля ответов в срок по лекарственному обеспечению',
    measure: 'onTimeRate',
    categories: ['health.drugs'],
    target: 0.95,
  },
  {
    code: 'health.appointment-repeat',
    name: 'Доля повторных обращений о записи к врачу',
    measure: 'repeatRate',
    categories: ['health.appointment'],
    target: 0.1,
  },
  {
    code: 'health.satisfaction',
    name: 'Средняя оценка ответов по здравоохранению',
    measure: 'satisfactionAvg',
    target: 4,
  },
];
