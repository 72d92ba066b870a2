/**
 * Routing, urgent deadlines and KPIs of the solid municipal waste (ТКО) sector.
 * Anything not matched here goes to the sector's executive body (the core's
 * fallback, the ministry of natural resources and ecology).
 */
import {
  complainsAbout,
  complainsAboutOwnAdministration,
  textOf,
  type BodyRole,
  type DeadlineRule,
  type KpiDefinition,
  type RoutingRule,
} from '../../core/plugin-api/index.js';

const NEW_SITE =
  /(нов\S* |создат\S* |создани\S* |обустро\S* |оборудова\S* |установ\S* )(контейнерн\S* )?площадк|перенес\S* (контейнерн\S* )?площадк|перенос\S* (контейнерн\S* )?площадк/;
const BURNING = /горит|горят|горел|пожар|подожг|тлеет|задымл|дымит|дым /;
const MERCURY = /ртут|градусник|термометр/;

/** The body the rules route to beside the ministry; the region pack binds it (docs/regions.md). Every region has one (89-ФЗ, art. 24.6). */
export const wasteBodyRoles: BodyRole[] = [{ role: 'waste.regional-operator', name: 'Региональный оператор по обращению с ТКО' }];
const REGIONAL_OPERATOR = { role: 'waste.regional-operator' };
/** The sector's own executive body, bound by the region pack (`responsibleBody` in index.ts). */
const MINISTRY = { role: 'ministry-of-waste-management' };

export const wasteRouting: RoutingRule[] = [
  {
    code: 'waste.complaint-about-regoperator',
    description: 'Жалоба на регионального оператора направляется в Минприроды, а не самому оператору (59-ФЗ, ст. 8 ч. 6)',
    priority: 1,
    when: complainsAbout(REGIONAL_OPERATOR),
    target: MINISTRY,
  },
  {
    code: 'waste.complaint-about-administration',
    description: 'Жалоба на администрацию муниципалитета направляется в Минприроды (59-ФЗ, ст. 8 ч. 6)',
    priority: 2,
    when: complainsAboutOwnAdministration,
    target: MINISTRY,
  },
  {
    code: 'waste.new-site-to-municipality',
    description: 'Создание и перенос контейнерных площадок — органы местного самоуправления (Правила, утв. ПП РФ от 31.08.2018 № 1039, п. 3)',
    priority: 10,
    categories: ['waste.container-site', 'waste.containers', 'waste.private-sector'],
    when: (facts) => NEW_SITE.test(textOf(facts)),
    target: { municipalAdministration: true },
  },
  {
    code: 'waste.service-to-regoperator',
    description: 'Вывоз ТКО, контейнеры, КГО, раздельный сбор и начисления за услугу — региональный оператор по обращению с ТКО',
    priority: 20,
    categories: [
      'waste.missed-pickup',
      'waste.container-site',
      'waste.containers',
      'waste.billing',
      'waste.separate-collection',
      'waste.bulky-waste',
      'waste.private-sector',
      'waste.garbage-truck',
    ],
    target: REGIONAL_OPERATOR,
  },
  {
    code: 'waste.dumps-to-municipality',
    description: 'Несанкционированные свалки на территории поселения — администрация муниципалитета',
    priority: 30,
    categories: ['waste.illegal-dump'],
    target: { municipalAdministration: true },
  },
  {
    code: 'waste.facilities-to-ministry',
    description: 'Полигоны, объекты обработки отходов и опасные отходы — министерство природных ресурсов и экологии региона',
    priority: 40,
    categories: ['waste.landfill', 'waste.hazardous'],
    target: MINISTRY,
  },
];

export const wasteDeadlines: DeadlineRule[] = [
  {
    code: 'waste.missed-pickup-3-days',
    description: 'Невывоз ТКО: ответ и вывоз не позднее 3 календарных дней (предельная периодичность вывоза в холодное время, СанПиН 2.1.3684-21, п. 11)',
    categories: ['waste.missed-pickup'],
    answerWithin: { calendarDays: 3 },
  },
  {
    code: 'waste.burning-waste',
    description: 'Горит мусор на площадке, свалке или полигоне: ответ в течение 4 часов',
    categories: ['waste.missed-pickup', 'waste.container-site', 'waste.containers', 'waste.illegal-dump', 'waste.landfill'],
    when: (facts) => BURNING.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
  {
    code: 'waste.mercury',
    description: 'Разлив ртути, выброшенные ртутные термометры и лампы: ответ в течение 4 часов',
    categories: ['waste.hazardous'],
    when: (facts) => MERCURY.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
];

export const wasteKpis: KpiDefinition[] = [
  {
    code: 'waste.missed-pickup-count',
    name: 'Число обращений о невывозе ТКО',
    measure: 'count',
    categories: ['waste.missed-pickup'],
  },
  {
    code: 'waste.missed-pickup-on-time',
    name: 'Доля ответов в срок о невывозе ТКО',
    measure: 'onTimeRate',
    categories: ['waste.missed-pickup'],
    target: 0.9,
  },
  {
    code: 'waste.illegal-dump-repeat',
    name: 'Доля повторных обращений о свалках',
    measure: 'repeatRate',
    categories: ['waste.illegal-dump'],
    target: 0.15,
  },
  {
    code: 'waste.regoperator-satisfaction',
    name: 'Средняя оценка ответов по услуге регионального оператора',
    measure: 'satisfactionAvg',
    categories: ['waste.missed-pickup', 'waste.container-site', 'waste.containers', 'waste.billing', 'waste.garbage-truck'],
    target: 4,
  },
];
