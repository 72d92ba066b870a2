/**
 * Routing, urgent deadlines and KPIs of the housing (ЖКХ) sector.
 * Anything not matched here goes to the sector's executive body (the core's
 * fallback, the ministry for construction and ЖКХ).
 */
import {
  complainsAbout,
  complainsAboutOwnAdministration,
  type BodyRole,
  isHeatingSeason,
  textOf,
  type DeadlineRule,
  type KpiDefinition,
  type RoutingRule,
} from '../../core/plugin-api/index.js';

const WATER = 'вод(а|у|ы|ой|е)(?![а-я])';
const NO_WATER = new RegExp(`(нет|отсутству\\S*|отключ\\S*|перекры\\S*|без)\\s+(\\S+\\s+){0,2}${WATER}|${WATER}\\s+(\\S+\\s+)?(нет|отключ|отсутству)`);
const COLLAPSE = /обруш|рухн|провалил|провал\w* (пол|перекрыт|потол|лестниц)|трещин\w* (в|по) (несущ|стен|фундамент)|угроз\w* (обрушения|жизни)/;
const EMERGENCY = /аварийн\w* (ситуац|служб|бригад)|прорвал|прорыв (труб|стояк)|порыв (труб|стояк)|кипят\w* (топит|залива)/;
const FLOODING = /затоп|топит|залива|подтоп|фекали/;

/** Roles of the bodies the rules route to, beside the ministry; the region pack binds them (docs/regions.md). */
export const housingBodyRoles: BodyRole[] = [
  { role: 'housing.capital-repair-fund', name: 'Региональный оператор капитального ремонта (фонд капитального ремонта)' },
  { role: 'housing.housing-inspection', name: 'Государственная жилищная инспекция региона' },
];
const CAPITAL_REPAIR_FUND = { role: 'housing.capital-repair-fund' };
const HOUSING_INSPECTION = { role: 'housing.housing-inspection' };
/** The sector's own executive body, bound by the region pack (`responsibleBody` in index.ts). */
const MINISTRY = { role: 'ministry-of-housing' };

export const housingRouting: RoutingRule[] = [
  {
    code: 'housing.complaint-about-gzhi',
    description: 'Жалоба на Госжилинспекцию направляется в Минстрой, а не в саму инспекцию (59-ФЗ, ст. 8 ч. 6)',
    priority: 1,
    when: complainsAbout(HOUSING_INSPECTION),
    target: MINISTRY,
  },
  {
    code: 'housing.complaint-about-capital-repair-fund',
    description: 'Жалоба на Фонд капитального ремонта направляется в Минстрой как учредителя фонда (59-ФЗ, ст. 8 ч. 6)',
    priority: 2,
    when: complainsAbout(CAPITAL_REPAIR_FUND),
    target: MINISTRY,
  },
  {
    code: 'housing.complaint-about-administration',
    description: 'Жалоба на администрацию муниципалитета направляется в Минстрой (59-ФЗ, ст. 8 ч. 6)',
    priority: 3,
    when: complainsAboutOwnAdministration,
    target: MINISTRY,
  },
  {
    code: 'housing.roof-in-capital-repair',
    description: 'Протечка кровли после или во время капремонта — Фонд капитального ремонта как заказчик работ',
    priority: 10,
    categories: ['housing.roof-leak', 'housing.elevator'],
    when: (facts) => /капремонт|капитальн\w* ремонт|подрядчик/.test(textOf(facts)),
    target: CAPITAL_REPAIR_FUND,
  },
  {
    code: 'housing.capital-repair-to-fund',
    description: 'Капитальный ремонт общего имущества МКД — региональный Фонд капитального ремонта',
    priority: 20,
    categories: ['housing.capital-repair'],
    target: CAPITAL_REPAIR_FUND,
  },
  {
    code: 'housing.management-to-gzhi',
    description: 'Работа управляющих организаций, содержание общего имущества и плата за ЖКУ — государственная жилищная инспекция (лицензионный контроль)',
    priority: 30,
    categories: ['housing.management-company', 'housing.payment', 'housing.roof-leak', 'housing.snow-icicles', 'housing.elevator', 'housing.entrance'],
    target: HOUSING_INSPECTION,
  },
  {
    code: 'housing.utilities-to-municipality',
    description: 'Организация тепло- и водоснабжения, водоотведения — вопрос местного значения (131-ФЗ, ст. 14 и 16, ч. 1 п. 4), администрация муниципалитета',
    priority: 40,
    categories: ['housing.heating', 'housing.water-supply', 'housing.sewerage'],
    target: { municipalAdministration: true },
  },
  {
    code: 'housing.municipal-housing-matters',
    description: 'Благоустройство дворов, признание домов аварийными и переселение — администрация муниципалитета',
    priority: 50,
    categories: ['housing.yard-improvement', 'housing.emergency-housing'],
    target: { municipalAdministration: true },
  },
];

export const housingDeadlines: DeadlineRule[] = [
  {
    code: 'housing.no-heating-in-season',
    description: 'Нет отопления в отопительный сезон (1 октября – 15 мая по московскому времени): ответ в течение 24 часов',
    categories: ['housing.heating'],
    when: (facts) => isHeatingSeason(facts.receivedAt),
    answerWithin: { hours: 24 },
  },
  {
    code: 'housing.no-water',
    description: 'Нет холодной или горячей воды: ответ в течение 24 часов',
    categories: ['housing.water-supply'],
    when: (facts) => NO_WATER.test(textOf(facts)),
    answerWithin: { hours: 24 },
  },
  {
    code: 'housing.dangerous-structure',
    description: 'Угроза обрушения, трещины в несущих конструкциях: ответ в течение 4 часов',
    when: (facts) => COLLAPSE.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
  {
    code: 'housing.emergency-situation',
    description: 'Аварийная ситуация на инженерных сетях (прорыв труб, авария): ответ в течение 4 часов',
    when: (facts) => facts.categoryCode !== 'housing.emergency-housing' && EMERGENCY.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
  {
    code: 'housing.sewage-flooding',
    description: 'Подтопление квартир или подвала стоками: ответ в течение 24 часов',
    categories: ['housing.sewerage'],
    when: (facts) => FLOODING.test(textOf(facts)),
    answerWithin: { hours: 24 },
  },
  {
    code: 'housing.icicles',
    description: 'Сосульки и снежные навесы над тротуаром угрожают прохожим: ответ в течение 24 часов',
    categories: ['housing.snow-icicles'],
    answerWithin: { hours: 24 },
  },
  {
    code: 'housing.elevator-stopped',
    description: 'Лифт не работает или в нём застряли люди: ответ в течение 24 часов',
    categories: ['housing.elevator'],
    when: (facts) => /не работа|не ходит|сломал|застрял|отключ|обесточ/.test(textOf(facts)),
    answerWithin: { hours: 24 },
  },
];

export const housingKpis: KpiDefinition[] = [
  {
    code: 'housing.utilities-on-time',
    name: 'Доля ответов в срок по отоплению и водоснабжению',
    measure: 'onTimeRate',
    categories: ['housing.heating', 'housing.water-supply', 'housing.sewerage'],
    target: 0.95,
  },
  {
    code: 'housing.utilities-median-response',
    name: 'Медианное время ответа по отоплению и водоснабжению, ч',
    measure: 'medianResponseHours',
    categories: ['housing.heating', 'housing.water-supply'],
    target: 24,
  },
  {
    code: 'housing.management-company-repeat',
    name: 'Доля повторных жалоб на управляющие организации',
    measure: 'repeatRate',
    categories: ['housing.management-company', 'housing.roof-leak', 'housing.entrance'],
    target: 0.1,
  },
  {
    code: 'housing.satisfaction',
    name: 'Средняя оценка ответов по ЖКХ',
    measure: 'satisfactionAvg',
    target: 4,
  },
];
