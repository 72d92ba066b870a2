/**
 * Generators of Russian word forms for municipality names, so the reference
 * data lists every case without hand-typing six forms per name.
 */

/** Masculine singular endings of a «-ский» adjective: nom, gen, dat, ins, prep (acc = nom). */
const MASC = ['ий', 'ого', 'ому', 'им', 'ом'] as const;
/** Feminine, neuter and plural endings («Медведевская ЦРБ», «Моркинское поселение»). */
const OTHER_GENDERS = ['ая', 'ой', 'ую', 'ою', 'ое', 'ие', 'их', 'ими'] as const;

/** The nouns that follow the adjective, case by case, aligned with MASC. */
const DISTRICT_NOUNS: readonly (readonly string[])[] = [
  ['район', 'района', 'району', 'районом', 'районе'],
  ['р-н', 'р-на', 'р-ну', 'р-ном', 'р-не'],
  ['муниципальный район', 'муниципального района', 'муниципальному району', 'муниципальным районом', 'муниципальном районе'],
  // Mari El turned its districts into municipal okrugs in 2024-2026.
  ['муниципальный округ', 'муниципального округа', 'муниципальному округу', 'муниципальным округом', 'муниципальном округе'],
  ['округ', 'округа', 'округу', 'округом', 'округе'],
];

export interface DistrictFormOptions {
  /**
   * Also accept the bare adjective in any gender («Медведевского», «Моркинская ЦРБ»).
   * Off for names that are everyday words: «Волжский», «Советский».
   */
  bareAdjective: boolean;
}

/**
 * Forms of a district named by a «-ский» adjective.
 * @param stems the adjective without «ий», in every accepted spelling, e.g. `['Медведевск']`.
 */
export function districtForms(stems: string[], options: DistrictFormOptions): string[] {
  const forms: string[] = [];
  for (const stem of stems) {
    MASC.forEach((ending, caseIndex) => {
      for (const nouns of DISTRICT_NOUNS) forms.push(`${stem}${ending} ${nouns[caseIndex]}`);
    });
    if (options.bareAdjective) {
      for (const ending of [...MASC, ...OTHER_GENDERS]) forms.push(`${stem}${ending}`);
    }
  }
  return unique(forms);
}

/** Adjective forms of a city in all genders («йошкар-олинская», «козьмодемьянской»). */
export function cityAdjectiveForms(stem: string): string[] {
  return [...MASC, ...OTHER_GENDERS].map((ending) => `${stem}${ending}`);
}

/** Prefix each form with each given prefix («г.», «город», «пгт»...), keeping the bare forms. */
export function withPrefixes(forms: string[], prefixes: string[]): string[] {
  return unique([...forms, ...prefixes.flatMap((prefix) => forms.map((form) => `${prefix} ${form}`))]);
}

export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
