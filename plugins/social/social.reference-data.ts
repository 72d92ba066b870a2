/**
 * Social support measures and social service centres of the Mari El
 * Republic, the reference data the social plugin seeds (idempotently, by
 * `code`).
 *
 * Federal measures cite their federal act. Regional measures exist under
 * the republic's laws, whose numbers are not given here: those records carry
 * `demo: true` and a legal basis described rather than cited, to be replaced
 * by the exact act before production. The social service centres (КЦСОН)
 * follow the republic's naming of one centre per district; their exact
 * names and addresses were not checked against the register, hence
 * `demo: true` and a settlement-level address.
 */

/** Who grants the measure: the Social Fund branch, the republic's ministry, or the municipality. */
export type MeasureProvider = 'osfr' | 'min-social' | 'municipality';

export interface SocialMeasureRecord {
  /** Stable latin code; also the value of `measureCode` in an appeal's details. */
  code: string;
  name: string;
  legalBasis: string;
  eligible: string;
  provider: MeasureProvider;
  demo?: boolean;
}

export interface SocialServiceCentreRecord {
  code: string;
  name: string;
  address: string;
  municipalityCode: string;
  /** Other municipalities the centre also serves. */
  alsoServes?: string[];
  demo: true;
}

export const socialMeasures: SocialMeasureRecord[] = [
  {
    code: 'unified-child-benefit',
    name: 'Единое пособие на рождение и воспитание ребёнка',
    legalBasis:
      'Федеральный закон от 19.05.1995 № 81-ФЗ «О государственных пособиях гражданам, имеющим детей»; постановление Правительства РФ от 16.12.2022 № 2330',
    eligible: 'Семьи с детьми до 17 лет и беременные женщины, если среднедушевой доход семьи ниже регионального прожиточного минимума на душу населения',
    provider: 'osfr',
  },
  {
    code: 'childcare-benefit',
    name: 'Ежемесячное пособие по уходу за ребёнком до полутора лет',
    legalBasis: 'Федеральный закон от 19.05.1995 № 81-ФЗ «О государственных пособиях гражданам, имеющим детей»',
    eligible: 'Мать, отец или другой родственник, фактически ухаживающий за ребёнком до 1,5 лет',
    provider: 'osfr',
  },
  {
    code: 'maternity-capital',
    name: 'Материнский (семейный) капитал',
    legalBasis: 'Федеральный закон от 29.12.2006 № 256-ФЗ «О дополнительных мерах государственной поддержки семей, имеющих детей»',
    eligible: 'Семьи при рождении (усыновлении) первого ребёнка с 2020 года, второго и последующих детей с 2007 года',
    provider: 'osfr',
  },
  {
    code: 'social-contract',
    name: 'Государственная социальная помощь на основании социального контракта',
    legalBasis: 'Федеральный закон от 17.07.1999 № 178-ФЗ «О государственной социальной помощи»',
    eligible:
      'Малоимущие семьи и одиноко проживающие граждане с доходом ниже прожиточного минимума: поиск работы, обучение, своё дело, личное подсобное хозяйство, трудная жизненная ситуация',
    provider: 'min-social',
  },
  {
    code: 'targeted-social-assistance',
    name: 'Адресная государственная социальная помощь малоимущим',
    legalBasis: 'Федеральный закон от 17.07.1999 № 178-ФЗ «О государственной социальной помощи»; закон Республики Марий Эл о государственной социальной помощи',
    eligible: 'Малоимущие семьи и одиноко проживающие граждане, чей доход ниже прожиточного минимума по независящим от них причинам',
    provider: 'min-social',
    demo: true,
  },
  {
    code: 'housing-utility-subsidy',
    name: 'Субсидия на оплату жилого помещения и коммунальных услуг',
    legalBasis: 'Жилищный кодекс РФ, ст. 159; постановление Правительства РФ от 14.12.2005 № 761',
    eligible: 'Граждане, чьи расходы на оплату жилья и коммунальных услуг превышают региональную максимально допустимую долю в совокупном доходе семьи',
    provider: 'min-social',
  },
  {
    code: 'disabled-utility-compensation',
    name: 'Компенсация 50 % расходов на оплату жилого помещения и коммунальных услуг инвалидам',
    legalBasis: 'Федеральный закон от 24.11.1995 № 181-ФЗ «О социальной защите инвалидов в Российской Федерации», ст. 17',
    eligible: 'Инвалиды и семьи, имеющие детей-инвалидов',
    provider: 'min-social',
  },
  {
    code: 'regional-utility-compensation',
    name: 'Ежемесячная денежная компенсация расходов на оплату ЖКУ отдельным категориям граждан (ЕДК)',
    legalBasis: 'Закон Республики Марий Эл о мерах социальной поддержки отдельных категорий граждан',
    eligible: 'Ветераны труда, труженики тыла, реабилитированные лица, сельские педагоги и другие категории, установленные законом республики',
    provider: 'min-social',
    demo: true,
  },
  {
    code: 'disabled-monthly-payment',
    name: 'Ежемесячная денежная выплата инвалидам (ЕДВ)',
    legalBasis: 'Федеральный закон от 24.11.1995 № 181-ФЗ «О социальной защите инвалидов в Российской Федерации», ст. 28.1',
    eligible: 'Инвалиды и дети-инвалиды',
    provider: 'osfr',
  },
  {
    code: 'rehab-equipment',
    name: 'Обеспечение техническими средствами реабилитации',
    legalBasis: 'Федеральный закон от 24.11.1995 № 181-ФЗ, ст. 10 и 11.1; постановление Правительства РФ от 07.04.2008 № 240',
    eligible: 'Инвалиды, которым технические средства реабилитации предусмотрены индивидуальной программой реабилитации или абилитации (ИПРА)',
    provider: 'osfr',
  },
  {
    code: 'social-services-set',
    name: 'Набор социальных услуг (лекарства, санаторно-курортная путёвка, проезд к месту лечения)',
    legalBasis: 'Федеральный закон от 17.07.1999 № 178-ФЗ «О государственной социальной помощи», гл. 2',
    eligible: 'Получатели ежемесячной денежной выплаты: инвалиды, ветераны боевых действий, участники ВОВ и другие федеральные льготники',
    provider: 'osfr',
  },
  {
    code: 'pension-social-supplement',
    name: 'Социальная доплата к пенсии до прожиточного минимума пенсионера',
    legalBasis: 'Федеральный закон от 17.07.1999 № 178-ФЗ «О государственной социальной помощи», ст. 12.1',
    eligible: 'Неработающие пенсионеры, чьё общее материальное обеспечение ниже прожиточного минимума пенсионера в регионе',
    provider: 'osfr',
  },
  {
    code: 'labour-veteran',
    name: 'Присвоение звания «Ветеран труда» и меры поддержки ветеранов труда',
    legalBasis:
      'Федеральный закон от 12.01.1995 № 5-ФЗ «О ветеранах», ст. 7 и 22; закон Республики Марий Эл о мерах социальной поддержки отдельных категорий граждан',
    eligible: 'Награждённые ведомственными знаками отличия в труде при необходимом трудовом стаже',
    provider: 'min-social',
  },
  {
    code: 'combat-veteran',
    name: 'Меры социальной поддержки ветеранов боевых действий, в том числе участников СВО',
    legalBasis: 'Федеральный закон от 12.01.1995 № 5-ФЗ «О ветеранах», ст. 3 и 16',
    eligible: 'Ветераны боевых действий, в том числе участники специальной военной операции, получившие удостоверение',
    provider: 'osfr',
  },
  {
    code: 'svo-family-support',
    name: 'Региональные меры поддержки семей участников специальной военной операции',
    legalBasis: 'Указы Главы Республики Марий Эл о дополнительных мерах социальной поддержки участников СВО и членов их семей',
    eligible: 'Участники СВО, мобилизованные и члены их семей, проживающие в республике',
    provider: 'min-social',
    demo: true,
  },
  {
    code: 'large-family-support',
    name: 'Статус и меры поддержки многодетных семей',
    legalBasis:
      'Указ Президента РФ от 23.01.2024 № 63 «О мерах социальной поддержки многодетных семей»; закон Республики Марий Эл о мерах поддержки многодетных семей',
    eligible: 'Семьи с тремя и более детьми до 18 лет (до 23 лет при очном обучении)',
    provider: 'min-social',
  },
  {
    code: 'large-family-land-plot',
    name: 'Бесплатное предоставление земельного участка многодетной семье',
    legalBasis: 'Земельный кодекс РФ, ст. 39.5, п. 6; закон Республики Марий Эл о предоставлении земельных участков многодетным семьям',
    eligible: 'Многодетные семьи, состоящие на учёте в органе местного самоуправления',
    provider: 'municipality',
  },
  {
    code: 'home-social-services',
    name: 'Социальное обслуживание на дому',
    legalBasis: 'Федеральный закон от 28.12.2013 № 442-ФЗ «Об основах социального обслуживания граждан в Российской Федерации», ст. 19',
    eligible: 'Граждане, частично утратившие способность к самообслуживанию, признанные нуждающимися в социальном обслуживании',
    provider: 'min-social',
  },
  {
    code: 'residential-social-services',
    name: 'Стационарное социальное обслуживание (дома-интернаты)',
    legalBasis: 'Федеральный закон от 28.12.2013 № 442-ФЗ «Об основах социального обслуживания граждан в Российской Федерации», ст. 19',
    eligible: 'Граждане, полностью утратившие способность к самообслуживанию и нуждающиеся в постоянном постороннем уходе',
    provider: 'min-social',
  },
  {
    code: 'orphans-housing',
    name: 'Обеспечение жильём детей-сирот и детей, оставшихся без попечения родителей',
    legalBasis:
      'Федеральный закон от 21.12.1996 № 159-ФЗ «О дополнительных гарантиях по социальной поддержке детей-сирот и детей, оставшихся без попечения родителей», ст. 8',
    eligible: 'Дети-сироты и лица из их числа, не имеющие закреплённого жилья, с 18 лет',
    provider: 'municipality',
  },
];

const centre = (code: string, where: string, municipalityCode: string, address: string, alsoServes?: string[]): SocialServiceCentreRecord => ({
  code,
  name: `ГБУ Республики Марий Эл «Комплексный центр социального обслуживания населения ${where}»`,
  address: `Республика Марий Эл, ${address}`,
  municipalityCode,
  ...(alsoServes ? { alsoServes } : {}),
  demo: true,
});

export const socialServiceCentres: SocialServiceCentreRecord[] = [
  centre('kcson-yoshkar-ola', 'в городе Йошкар-Оле', 'yoshkar-ola', 'г. Йошкар-Ола'),
  centre('kcson-volzhsk', 'в городе Волжске', 'volzhsk', 'г. Волжск', ['volzhsky']),
  centre('kcson-kozmodemyansk', 'в городе Козьмодемьянске', 'kozmodemyansk', 'г. Козьмодемьянск', ['gornomariysky']),
  centre('kcson-zvenigovsky', 'в Звениговском районе', 'zvenigovsky', 'г. Звенигово'),
  centre('kcson-kilemarsky', 'в Килемарском районе', 'kilemarsky', 'пгт Килемары'),
  centre('kcson-kuzhenersky', 'в Куженерском районе', 'kuzhenersky', 'пгт Куженер'),
  centre('kcson-mari-tureksky', 'в Мари-Турекском районе', 'mari-tureksky', 'пгт Мари-Турек'),
  centre('kcson-medvedevsky', 'в Медведевском районе', 'medvedevsky', 'пгт Медведево'),
  centre('kcson-morkinsky', 'в Моркинском районе', 'morkinsky', 'пгт Морки'),
  centre('kcson-novotoryalsky', 'в Новоторъяльском районе', 'novotoryalsky', 'пгт Новый Торъял'),
  centre('kcson-orshansky', 'в Оршанском районе', 'orshansky', 'пгт Оршанка'),
  centre('kcson-paranginsky', 'в Параньгинском районе', 'paranginsky', 'пгт Параньга'),
  centre('kcson-sernursky', 'в Сернурском районе', 'sernursky', 'пгт Сернур'),
  centre('kcson-sovetsky', 'в Советском районе', 'sovetsky', 'пгт Советский'),
  centre('kcson-yurinsky', 'в Юринском районе', 'yurinsky', 'пгт Юрино'),
];

/** Codes a `measureCode` in an appeal's details may take. */
export const socialMeasureCodes: ReadonlySet<string> = new Set(socialMeasures.map((m) => m.code));
