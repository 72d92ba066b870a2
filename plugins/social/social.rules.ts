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
import { socialTables } from './social.region-tables.js';

/** Who grants the measure named in the details, by the region pack's list of measures. */
const providerOfMeasure = (facts: AppealFacts): string | null => {
  const code = facts.details?.measureCode;
  return socialTables.rows('measures').find((measure) => measure.code === code)?.provider ?? null;
};

/** The body the rules route to beside the ministry; the region pack binds it (docs/regions.md): the Social Fund's branch in the region. */
export const socialBodyRoles: BodyRole[] = [{ role: 'social.social-fund', name: 'Отделение Социального фонда России по региону' }];
const SOCIAL_FUND = { role: 'social.social-fund' };

export const socialRouting: RoutingRule[] = [
  {
    code: 'social.measure-by-social-fund',
    description: 'Мера поддержки, которую назначает Социальный фонд (по коду меры в сведениях), — отделение СФР',
    priority: 10,
    when: (facts) => providerOfMeasure(facts) === 'osfr' && notAgainst(SOCIAL_FUND)(facts),
    target: SOCIAL_FUND,
  },
  {
    code: 'social.measure-by-municipality',
    description: 'Мера поддержки, которую предоставляет муниципалитет (по коду меры в сведениях), — администрация',
    priority: 10,
    when: (facts) => providerOfMeasure(facts) === 'municipality',
    target: { municipalAdministration: true },
  },
  {
    code: 'social.social-fund',
    description: 'Пенсии, материнский капитал и технические средства реабилитации — отделение Социального фонда',
    priority: 20,
    categories: ['social.pensions', 'social.family-capital', 'social.rehab-equipment'],
    when: notAgainst(SOCIAL_FUND),
    target: SOCIAL_FUND,
  },
  {
    // Since 2023 the unified child benefit and the childcare benefit are
    // granted by the Social Fund; regional child payments stay with the ministry.
    code: 'social.unified-benefit',
    description: 'Единое пособие и пособие по уходу за ребёнком — отделение Социального фонда',
    priority: 30,
    categories: ['social.child-benefits'],
    when: (facts) => /един\S* пособи|пособи\S* по уходу|декрет/.test(textOf(facts)) && notAgainst(SOCIAL_FUND)(facts),
    target: SOCIAL_FUND,
  },
  {
    code: 'social.large-family-land',
    description: 'Земельные участки многодетным семьям — администрация муниципального образования',
    priority: 40,
    categories: ['social.large-families'],
    when: mentions(/земельн|участ(ок|ка|ке|ком|ки)/),
    target: { municipalAdministration: true },
  },
  {
    // The lists of orphans entitled to housing are kept where they live;
    // check against the republic's law on delegated state powers.
    code: 'social.orphans-housing',
    description: 'Жильё для детей-сирот — администрация муниципального образования по месту жительства',
    priority: 40,
    categories: ['social.orphans-housing'],
    target: { municipalAdministration: true },
  },
];

export const socialDeadlines: DeadlineRule[] = [
  {
    code: 'social.left-without-care',
    description: 'Человек остался без ухода (лежачий, одинокий, не может себя обслуживать) — ответ в течение 24 часов',
    categories: ['social.home-care', 'social.residential-care', 'social.disability'],
    when: mentions(/без (присмотра|ухода|еды|помощи)|лежач|не (может|могу|встает|встаю) (встать|ходить|себя обслуж)|нечего есть|голода/),
    answerWithin: { hours: 24 },
  },
  {
    code: 'social.no-means',
    description: 'Семья без средств к существованию — ответ в течение 24 часов',
    categories: ['social.low-income', 'social.child-benefits', 'social.large-families'],
    when: mentions(/нечего есть|не на что (жить|купить)|нет денег на (еду|хлеб|продукт)|без средств к существованию|голода|погорел|сгорел дом/),
    answerWithin: { hours: 24 },
  },
  {
    // [practice] Appeals of SVO participants and their families are taken
    // out of turn across the republic's bodies.
    code: 'social.svo-priority',
    description: 'Обращения участников СВО и их семей — ответ в течение 7 календарных дней',
    when: (facts) => facts.categoryCode === 'social.svo' || /(^|[^а-я])сво([^а-я]|$)|мобилизован|специальн\S* военн\S* операц/.test(textOf(facts)),
    answerWithin: { calendarDays: 7 },
  },
  {
    code: 'social.rehab-consumables',
    description: 'Нет расходных средств реабилитации (калоприёмники, катетеры, подгузники) — ответ в течение 3 рабочих дней',
    categories: ['social.rehab-equipment'],
    when: mentions(/калоприем|катетер|мочеприем|подгузник|памперс|пеленк|урологическ/),
    answerWithin: { workingDays: 3 },
  },
];

export const socialKpis: KpiDefinition[] = [
  {
    code: 'social.payments-on-time',
    name: 'Доля ответов в срок по пенсиям, пособиям и выплатам',
    measure: 'onTimeRate',
    categories: ['social.pensions', 'social.regional-payments', 'social.child-benefits'],
    target: 0.95,
  },
  {
    code: 'social.care-satisfaction',
    name: 'Средняя оценка ответов по социальному обслуживанию',
    measure: 'satisfactionAvg',
    categories: ['social.home-care', 'social.residential-care'],
    target: 4.2,
  },
  {
    code: 'social.svo-response',
    name: 'Медианное время ответа участникам СВО и их семьям, часов',
    measure: 'medianResponseHours',
    categories: ['social.svo'],
    target: 72,
  },
  {
    code: 'social.repeat',
    name: 'Доля повторных обращений по социальной защите',
    measure: 'repeatRate',
    target: 0.08,
  },
];
