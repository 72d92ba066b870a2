import { mentions, isWinter, textOf, type AppealFacts, type DeadlineRule, type KpiDefinition, type RoutingRule } from '../../core/plugin-api/index.js';
import { transportTables } from './transport.region-tables.js';

/** A city district of the region pack (its routes are the city's), not a municipal district. */
const inCityDistrict = (facts: AppealFacts): boolean => transportTables.municipalityKind(facts.municipalityCode) === 'CITY_DISTRICT';

const routeNumberOf = (facts: AppealFacts): string | null => {
  const value = facts.details?.routeNumber;
  return typeof value === 'string' ? value.trim().toLowerCase() : null;
};

/** The sector's responsible body, by the role the plugin declares (index.ts). */
const MINISTRY = { role: 'ministry-of-transport' };

export const transportRouting: RoutingRule[] = [
  {
    // Suburban and intercity routes are regular routes between
    // municipalities, organised by the republic (220-ФЗ on regular transport).
    code: 'transport.regional-route',
    description: 'Пригородный или междугородный маршрут (по номеру маршрута) — региональный орган исполнительной власти в сфере транспорта',
    priority: 10,
    when: (facts) => {
      const number = routeNumberOf(facts);
      return number !== null && transportTables.rows('bus-routes').some((route) => route.kind !== 'CITY' && route.number === number);
    },
    target: MINISTRY,
  },
  {
    code: 'transport.republic-level',
    description: 'Междугородные перевозки, речные переправы и такси — региональный орган исполнительной власти в сфере транспорта',
    priority: 20,
    categories: ['transport.intercity', 'transport.river', 'transport.taxi'],
    target: MINISTRY,
  },
  {
    code: 'transport.city-routes',
    description: 'Городские маршруты городских округов — администрация городского округа',
    priority: 30,
    when: inCityDistrict,
    categories: [
      'transport.route-cancelled',
      'transport.schedule',
      'transport.vehicle-condition',
      'transport.driver-conduct',
      'transport.stops',
      'transport.new-route',
      'transport.accessibility',
    ],
    target: { municipalAdministration: true },
  },
  {
    code: 'transport.district-stops',
    description: 'Остановки и павильоны в районах — администрация муниципального района',
    priority: 40,
    categories: ['transport.stops'],
    target: { municipalAdministration: true },
  },
];

export const transportDeadlines: DeadlineRule[] = [
  {
    code: 'transport.village-cut-off',
    description: 'Отменён маршрут, и село осталось без транспорта — ответ в течение 3 календарных дней',
    categories: ['transport.route-cancelled'],
    when: (facts) =>
      (facts.municipalityCode !== null && !inCityDistrict(facts)) ||
      /деревн|(^|[^а-я])(села|селе|село|сел)([^а-я]|$)|поселк|райцентр|(^|[^а-я])(д|с|п)\.\s?[а-я]/.test(textOf(facts)),
    answerWithin: { calendarDays: 3 },
  },
  {
    code: 'transport.drunk-driver',
    description: 'Водитель в нетрезвом виде — ответ в течение 4 часов',
    categories: ['transport.driver-conduct', 'transport.taxi'],
    when: mentions(/пьян|нетрезв|перегар|запах алкогол|выпивш/),
    answerWithin: { hours: 4 },
  },
  {
    code: 'transport.dangerous-driving',
    description: 'Опасное вождение: телефон за рулём, превышение скорости, проезд на красный — ответ в течение 24 часов',
    categories: ['transport.driver-conduct', 'transport.taxi'],
    when: mentions(/телефон|превыша|гонит|гоняет|лихач|на красный|встречк|чуть не (сбил|перевернул|врезал|улетел)/),
    answerWithin: { hours: 24 },
  },
  {
    code: 'transport.unsafe-vehicle',
    description: 'Неисправный автобус: дым, тормоза, двери на ходу — ответ в течение 24 часов',
    categories: ['transport.vehicle-condition'],
    when: mentions(/дым|загорел|горел|горит|искрит|тормоз|отвалил|на ходу|колесо/),
    answerWithin: { hours: 24 },
  },
  {
    code: 'transport.cold-bus-in-winter',
    description: 'Холодно в салоне с ноября по март — ответ в течение 3 календарных дней',
    categories: ['transport.vehicle-condition'],
    when: (facts) => isWinter(facts.receivedAt) && /холод|мороз|печк|отоплен|замерз|мерзн/.test(textOf(facts)),
    answerWithin: { calendarDays: 3 },
  },
];

export const transportKpis: KpiDefinition[] = [
  {
    code: 'transport.route-cancellations',
    name: 'Число обращений об отмене маршрутов и рейсов',
    measure: 'count',
    categories: ['transport.route-cancelled'],
  },
  {
    code: 'transport.on-time',
    name: 'Доля ответов в срок по общественному транспорту',
    measure: 'onTimeRate',
    target: 0.95,
  },
  {
    code: 'transport.driver-repeat',
    name: 'Доля повторных жалоб на водителей',
    measure: 'repeatRate',
    categories: ['transport.driver-conduct'],
    target: 0.1,
  },
  {
    code: 'transport.service-satisfaction',
    name: 'Средняя оценка ответов о маршрутах и расписании',
    measure: 'satisfactionAvg',
    categories: ['transport.route-cancelled', 'transport.schedule'],
    target: 4,
  },
];
