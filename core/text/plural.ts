/** Russian plural categories (one, few, many; `other` for fractions) by CLDR, through Intl. */
const rules = new Intl.PluralRules('ru');

/** Word forms for «1 …», «2 …», «5 …» and a fraction («1,5 …»). */
export interface RuForms {
  one: string;
  few: string;
  many: string;
  other?: string;
}

/** The form of the word that goes with `n`: «специалист», «специалиста», «специалистов». */
export function pluralRu(n: number, forms: RuForms): string {
  const category = rules.select(n);
  if (category === 'one') return forms.one;
  if (category === 'few') return forms.few;
  if (category === 'many') return forms.many;
  return forms.other ?? forms.few;
}

/** «1 специалист», «2 специалиста», «5 специалистов». */
export const countRu = (n: number, forms: RuForms) => `${n} ${pluralRu(n, forms)}`;

export const SPECIALISTS: RuForms = { one: 'специалист', few: 'специалиста', many: 'специалистов' };
export const APPEALS: RuForms = { one: 'обращение', few: 'обращения', many: 'обращений' };
export const DAYS: RuForms = { one: 'день', few: 'дня', many: 'дней' };

/** Hours for people to read: one decimal place (never −9027.062377…). */
export const roundHours = (hours: number) => Math.round(hours * 10) / 10;
export const roundHoursOrNull = (hours: number | null | undefined) => (hours == null ? null : roundHours(hours));
