/**
 * Routing, urgent deadlines and KPIs of the energy sector.
 * Anything not matched here goes to the sector's executive body (the core's
 * fallback, the ministry responsible for energy and tariffs).
 */
import {
  complainsAboutOwnAdministration,
  isHeatingSeason,
  textOf,
  type DeadlineRule,
  type KpiDefinition,
  type RoutingRule,
} from '../../core/plugin-api/index.js';

const GAS_SMELL = /(запах\S*|пахн\S*|пахл\S*|воня\S*|несет|утечк\S*)\s+(\S+\s+)?газ|газ\S*\s+(\S+\s+)?(пахн|воня|утека|шипит)|взрыв\S* газ/;
const WIRE_DOWN = /оборв|упал|лежит|искрит|провис|на земле|наклонил|повалил|горит/;
const NO_GAS = /нет газа|без газа|отключ|не горит|давлени|перебо/;

/** The sector's responsible body, by the role the plugin declares (index.ts). */
const MINISTRY = { role: 'ministry-of-energy' };

export const energyRouting: RoutingRule[] = [
  {
    code: 'energy.complaint-about-administration',
    description: 'Жалоба на администрацию муниципалитета направляется в министерство, а не в саму администрацию (59-ФЗ, ст. 8 ч. 6)',
    priority: 1,
    when: complainsAboutOwnAdministration,
    target: MINISTRY,
  },
  {
    code: 'energy.street-lighting-to-municipality',
    description: 'Уличное освещение — благоустройство, вопрос местного значения (131-ФЗ, ст. 14 ч. 1 п. 19, ст. 16 ч. 1 п. 25), администрация муниципалитета',
    priority: 10,
    categories: ['energy.street-lighting'],
    target: { municipalAdministration: true },
  },
  {
    code: 'energy.programmes-to-ministry',
    description: 'Газификация, тарифы и технологическое присоединение — региональные программы и регулирование, профильное министерство',
    priority: 20,
    categories: ['energy.gasification', 'energy.tariffs', 'energy.grid-connection'],
    target: MINISTRY,
  },
];

export const energyDeadlines: DeadlineRule[] = [
  {
    code: 'energy.gas-smell',
    description: 'Запах газа или утечка: ответ в течение 1 часа (и немедленный вызов аварийной газовой службы 104)',
    when: (facts) => facts.categoryCode === 'energy.gas-leak' || GAS_SMELL.test(textOf(facts)),
    answerWithin: { hours: 1 },
  },
  {
    code: 'energy.power-outage-12h',
    description: 'Отключение электроэнергии: ответ в течение 12 часов',
    categories: ['energy.power-outage'],
    answerWithin: { hours: 12 },
  },
  {
    code: 'energy.wire-down',
    description: 'Оборван или провис провод, упала опора, искрит: опасно для жизни, ответ в течение 4 часов',
    categories: ['energy.power-lines', 'energy.street-lighting'],
    when: (facts) => WIRE_DOWN.test(textOf(facts)),
    answerWithin: { hours: 4 },
  },
  {
    code: 'energy.no-gas-in-heating-season',
    description: 'Нет газа или упало давление в отопительный сезон (газовое отопление): ответ в течение 24 часов',
    categories: ['energy.gas-supply'],
    when: (facts) => isHeatingSeason(facts.receivedAt) && NO_GAS.test(textOf(facts)),
    answerWithin: { hours: 24 },
  },
];

export const energyKpis: KpiDefinition[] = [
  {
    code: 'energy.outage-count',
    name: 'Число обращений об отключениях электроэнергии',
    measure: 'count',
    categories: ['energy.power-outage'],
  },
  {
    code: 'energy.outage-median-response',
    name: 'Медианное время ответа об отключениях электроэнергии, ч',
    measure: 'medianResponseHours',
    categories: ['energy.power-outage'],
    target: 12,
  },
  {
    code: 'energy.gasification-overdue',
    name: 'Доля просроченных обращений по газификации',
    measure: 'overdueShare',
    categories: ['energy.gasification'],
    target: 0.05,
  },
  {
    code: 'energy.street-lighting-on-time',
    name: 'Доля ответов в срок по уличному освещению',
    measure: 'onTimeRate',
    categories: ['energy.street-lighting'],
    target: 0.9,
  },
];
