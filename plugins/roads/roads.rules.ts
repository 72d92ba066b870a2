import {
  mentions,
  isWinter,
  notAgainst,
  type AppealFacts,
  type BodyRole,
  type DeadlineRule,
  type KpiDefinition,
  type RoutingRule,
} from '../../core/plugin-api/index.js';
import { federalRoadPattern, roadsTables } from './roads.region-tables.js';

/** Text, address and road name together: a street may be named in any of them. */
const placeOf = (facts: AppealFacts): string => {
  const roadName = typeof facts.details?.roadName === 'string' ? facts.details.roadName : '';
  return `${facts.text} ${facts.address ?? ''} ${roadName}`.toLowerCase().replace(/ё/g, 'е');
};

/** A city district of the region pack (its streets are the city's), not a municipal district. */
const inCityDistrict = (facts: AppealFacts): boolean => roadsTables.municipalityKind(facts.municipalityCode) === 'CITY_DISTRICT';

const REGIONAL_NETWORK = [
  'roads.potholes',
  'roads.snow-clearing',
  'roads.repair-quality',
  'roads.traffic-signs',
  'roads.pedestrian-crossings',
  'roads.bridges',
  'roads.drainage',
  'roads.dangerous-section',
  'roads.roadside',
  'roads.heavy-trucks',
];

/** Roles of the bodies the rules route to, beside the ministry; the region pack binds them (docs/regions.md). */
export const roadsBodyRoles: BodyRole[] = [
  // Optional: where the ministry keeps the regional roads itself, their appeals go to it.
  { role: 'roads.regional-agency', name: 'Дорожное управление (учреждение) региона, содержащее региональные дороги', optional: true },
];
const ROAD_AGENCY = { role: 'roads.regional-agency' };

export const roadsRouting: RoutingRule[] = [
  {
    // Federal roads are kept by the federal road directorate, which no
    // body of the pack stands for: the ministry answers or redirects within
    // 7 days (59-ФЗ, art. 8, part 3).
    code: 'roads.federal-highway',
    description: 'Федеральные трассы (номера и названия федеральных участков из пакета региона) — орган исполнительной власти в сфере дорожного хозяйства',
    priority: 5,
    when: (facts) => federalRoadPattern().test(placeOf(facts)),
    target: { role: 'ministry-of-roads' },
  },
  {
    code: 'roads.city-streets',
    description: 'Дороги и улицы городских округов — администрация городского округа',
    priority: 10,
    when: inCityDistrict,
    target: { municipalAdministration: true },
  },
  {
    code: 'roads.settlement-streets',
    description: 'Улицы сёл и посёлков районов — администрация муниципального района',
    priority: 20,
    categories: [
      'roads.potholes',
      'roads.snow-clearing',
      'roads.repair-quality',
      'roads.drainage',
      'roads.roadside',
      'roads.traffic-signs',
      'roads.pedestrian-crossings',
    ],
    when: (facts) => /(^|[^а-я])ул\.|улиц|переул|во дворе|микрорайон/.test(placeOf(facts)),
    target: { municipalAdministration: true },
  },
  {
    code: 'roads.local-roads',
    description: 'Тротуары и подъезды к населённым пунктам (дороги местного значения) — администрация района',
    priority: 30,
    categories: ['roads.sidewalks', 'roads.no-road'],
    target: { municipalAdministration: true },
  },
  {
    code: 'roads.regional-network',
    description: 'Региональные и межмуниципальные дороги вне городов — дорожное управление региона',
    priority: 40,
    categories: REGIONAL_NETWORK,
    when: notAgainst(ROAD_AGENCY),
    target: ROAD_AGENCY,
  },
];

export const roadsDeadlines: DeadlineRule[] = [
  {
    code: 'roads.hazard',
    description: 'Угроза жизни на дороге: открытый люк, провал, обрушение моста, размыв — ответ в течение 4 часов',
    when: mentions(
      /открыт\S* люк|люк без крышки|без крышки|провал|обрушил|обрушен|рухнул|обвал|размыл|угроз\S* жизни|опасн\S* для жизни|(упал|повален|поваленн)\S* (дерев|столб|опор)|(дерев|столб|опор)\S* (упал|повал)/,
    ),
    answerWithin: { hours: 4 },
  },
  {
    code: 'roads.winter-snow-clearing',
    description: 'Расчистка снега и гололёд с ноября по март — ответ в течение 24 часов',
    categories: ['roads.snow-clearing'],
    when: (facts) => isWinter(facts.receivedAt),
    answerWithin: { hours: 24 },
  },
  {
    code: 'roads.traffic-light-out',
    description: 'Не работает светофор, сбит или упал дорожный знак — ответ в течение 24 часов',
    categories: ['roads.traffic-signs', 'roads.pedestrian-crossings'],
    when: mentions(
      /светофор\S*.{0,40}(не работа|сломал|погас|мига|выключ|не горит)|(не работа|сломал|погас|не горит)\S*.{0,20}светофор|(сбит|упал|повален|снес)\S*.{0,20}знак|знак\S*.{0,20}(сбит|упал|повален|снес)/,
    ),
    answerWithin: { hours: 24 },
  },
  {
    code: 'roads.dangerous-section',
    description: 'Опасный участок дороги — ответ в течение 5 рабочих дней',
    categories: ['roads.dangerous-section', 'roads.bridges'],
    answerWithin: { workingDays: 5 },
  },
];

export const roadsKpis: KpiDefinition[] = [
  {
    code: 'roads.potholes-on-time',
    name: 'Доля ответов в срок о ямах и ремонте дорог',
    measure: 'onTimeRate',
    categories: ['roads.potholes', 'roads.repair-quality'],
    target: 0.9,
  },
  {
    code: 'roads.hazard-response',
    name: 'Медианное время ответа об опасных участках и мостах, часов',
    measure: 'medianResponseHours',
    categories: ['roads.dangerous-section', 'roads.bridges'],
    target: 24,
  },
  {
    code: 'roads.snow-clearing-count',
    name: 'Число обращений о снеге и гололёде',
    measure: 'count',
    categories: ['roads.snow-clearing'],
  },
  {
    code: 'roads.potholes-repeat',
    name: 'Доля повторных обращений о ямах',
    measure: 'repeatRate',
    categories: ['roads.potholes'],
    target: 0.1,
  },
];
