import { OrganizationKind, type MunicipalityReference, type OrganizationReference } from './reference-types.js';
import { mariElMunicipalities } from './mari-el-municipalities.js';

/*
 * Bodies that answer appeals in the Mari El Republic.
 *
 * Invariant: each sector code has exactly one EXECUTIVE_BODY listing it in
 * `sectors`, the sector's main executive body (routing falls back to it).
 * Other executive bodies that also handle a sector's questions (the housing
 * inspection) keep `sectors` empty and are targeted by explicit routing rules.
 *
 * Ministry names follow the structure of the Government of the Republic as of
 * 2023-2025 (the social ministry was renamed from «Министерство социального
 * развития» to «Министерство труда и социальной защиты»). Names marked `demo`
 * are plausible but not verified.
 */

/** Sector codes, equal to the sector plugin codes. */
export const SECTOR_CODES = ['housing', 'waste', 'energy', 'education', 'health', 'roads', 'transport', 'social'] as const;

/** What a municipal administration answers for (local-government competences, 131-ФЗ). */
const MUNICIPAL_SECTORS = ['housing', 'waste', 'roads', 'transport', 'education'];

const executiveBodies: OrganizationReference[] = [
  {
    // Yoshkar-Ola, Gagarin avenue 8 (resolution No. 335 of 28.08.2020).
    code: 'cur',
    name: 'Центр управления регионом Республики Марий Эл',
    shortName: 'ЦУР Марий Эл',
    kind: OrganizationKind.CENTER,
    sectors: [],
  },
  {
    code: 'min-construction',
    name: 'Министерство строительства, архитектуры и жилищно-коммунального хозяйства Республики Марий Эл',
    shortName: 'Минстрой Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['housing'],
  },
  {
    code: 'gzhi',
    name: 'Государственная жилищная инспекция Республики Марий Эл',
    shortName: 'Госжилинспекция Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    // Housing supervision (management companies, capital repair): reached by routing rules, not as the fallback.
    sectors: [],
  },
  {
    code: 'min-natural-resources',
    name: 'Министерство природных ресурсов, экологии и охраны окружающей среды Республики Марий Эл',
    shortName: 'Минприроды Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['waste'],
  },
  {
    // Approves the investment programmes of power utilities (so: energy); tariffs may sit elsewhere.
    code: 'min-energy',
    name: 'Министерство промышленности, экономического развития и торговли Республики Марий Эл',
    shortName: 'Минпромэкономразвития Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['energy'],
  },
  {
    code: 'min-education',
    name: 'Министерство образования и науки Республики Марий Эл',
    shortName: 'Минобрнауки Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['education'],
  },
  {
    code: 'min-health',
    name: 'Министерство здравоохранения Республики Марий Эл',
    shortName: 'Минздрав Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['health'],
  },
  {
    code: 'min-transport',
    name: 'Министерство транспорта и дорожного хозяйства Республики Марий Эл',
    shortName: 'Минтранс Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['roads', 'transport'],
  },
  {
    code: 'min-social',
    name: 'Министерство труда и социальной защиты Республики Марий Эл',
    shortName: 'Минтрудсоцзащиты Марий Эл',
    kind: OrganizationKind.EXECUTIVE_BODY,
    sectors: ['social'],
  },
];

const institutions: OrganizationReference[] = [
  {
    code: 'gbu-republican-hospital',
    name: 'ГБУ Республики Марий Эл «Республиканская клиническая больница»',
    shortName: 'Республиканская клиническая больница',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-health',
    municipalityCode: 'yoshkar-ola',
    sectors: ['health'],
  },
  {
    code: 'gbu-yoshkar-ola-city-hospital',
    name: 'ГБУ Республики Марий Эл «Йошкар-Олинская городская больница»',
    shortName: 'Йошкар-Олинская городская больница',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-health',
    municipalityCode: 'yoshkar-ola',
    sectors: ['health'],
  },
  {
    code: 'gbu-medvedevo-crh',
    name: 'ГБУ Республики Марий Эл «Медведевская центральная районная больница»',
    shortName: 'Медведевская ЦРБ',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-health',
    municipalityCode: 'medvedevsky',
    sectors: ['health'],
  },
  {
    code: 'gku-roads',
    name: 'ГКУ Республики Марий Эл «Марийскавтодор»',
    shortName: 'Марийскавтодор',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-transport',
    sectors: ['roads'],
  },
  {
    code: 'gku-social-support-center',
    name: 'ГКУ Республики Марий Эл «Центр предоставления мер социальной поддержки населению»',
    shortName: 'Центр соцподдержки',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-social',
    sectors: ['social'],
    demo: true,
  },
  {
    code: 'regoperator-tko',
    name: 'ООО «Благоустройство» — региональный оператор по обращению с ТКО в Республике Марий Эл',
    shortName: 'Регоператор ТКО',
    kind: OrganizationKind.REGIONAL_OPERATOR,
    // Not subordinate to the ministry, but supervised by it: ratings roll up there.
    parentCode: 'min-natural-resources',
    sectors: ['waste'],
    // The operator named in 2019 news; the current one is not verified.
    demo: true,
  },
  {
    code: 'gbu-ambulance',
    name: 'ГБУ Республики Марий Эл «Станция скорой медицинской помощи»',
    shortName: 'Скорая медицинская помощь',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-health',
    municipalityCode: 'yoshkar-ola',
    sectors: ['health'],
    demo: true,
  },
  {
    code: 'gbu-volzhsk-hospital',
    name: 'ГБУ Республики Марий Эл «Волжская центральная городская больница»',
    shortName: 'Волжская ЦГБ',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-health',
    municipalityCode: 'volzhsk',
    sectors: ['health'],
  },
  {
    code: 'gbu-kozmodemyansk-hospital',
    name: 'ГБУ Республики Марий Эл «Козьмодемьянская межрайонная больница»',
    shortName: 'Козьмодемьянская МБ',
    kind: OrganizationKind.STATE_INSTITUTION,
    parentCode: 'min-health',
    municipalityCode: 'kozmodemyansk',
    sectors: ['health'],
  },
  {
    code: 'tfoms',
    name: 'Территориальный фонд обязательного медицинского страхования Республики Марий Эл',
    shortName: 'ТФОМС',
    kind: OrganizationKind.STATE_INSTITUTION,
    sectors: [],
  },
  {
    code: 'osfr',
    name: 'Отделение Фонда пенсионного и социального страхования Российской Федерации по Республике Марий Эл',
    shortName: 'ОСФР по Республике Марий Эл',
    kind: OrganizationKind.STATE_INSTITUTION,
    sectors: [],
  },
  {
    code: 'fund-capital-repair',
    name: 'Республиканский фонд капитального ремонта общего имущества в многоквартирных домах Республики Марий Эл',
    shortName: 'Фонд капремонта',
    kind: OrganizationKind.REGIONAL_OPERATOR,
    parentCode: 'min-construction',
    sectors: [],
    demo: true,
  },
];

const CITY_PREFIX = 'Городской округ ';

/** Full and short names: «Администрация Медведевского муниципального района», «Администрация Медведевского района». */
function administrationNames(municipality: MunicipalityReference): { name: string; shortName: string } {
  if (municipality.name.startsWith(CITY_PREFIX)) {
    return {
      name: `Администрация городского округа ${municipality.name.slice(CITY_PREFIX.length)}`,
      shortName: `Администрация г. ${municipality.center}`,
    };
  }
  // «Медведевский район» → «Медведевского»; every district name is a «-ский» adjective.
  const genitive = municipality.shortName.replace(/ район$/, '').replace(/ий$/, 'ого');
  return { name: `Администрация ${genitive} муниципального района`, shortName: `Администрация ${genitive} района` };
}

const administrations: OrganizationReference[] = mariElMunicipalities.map((municipality) => ({
  code: `adm-${municipality.code}`,
  ...administrationNames(municipality),
  kind: OrganizationKind.MUNICIPAL_ADMINISTRATION,
  municipalityCode: municipality.code,
  sectors: [...MUNICIPAL_SECTORS],
}));

export const mariElOrganizations: OrganizationReference[] = [...executiveBodies, ...institutions, ...administrations];
