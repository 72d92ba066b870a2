/**
 * Personal data inside free text (an appeal's text, an address, an Open311
 * description, a survey's free answer): residents write their phone, e-mail,
 * СНИЛС, passport or flat number into the text itself, so masking the
 * author's fields is not enough (152-ФЗ art. 5 part 5: no more data than the
 * purpose needs; analysts and observers need the substance, not the person).
 *
 * One tested pattern set (personal-data-text.test.ts has positive and
 * negative examples): what it masks is replaced by a bracketed label, so the
 * reader still sees that the author left a contact. Patterns are written to
 * leave numbers that are not personal alone: years, house numbers («д. 5»),
 * appeal numbers («12-2026-0001234»), sums («1500 руб»), dates, INNs of
 * organisations.
 */

export type PersonalTextKind = 'email' | 'phone' | 'snils' | 'passport' | 'flat' | 'name';

export interface PersonalTextPattern {
  kind: PersonalTextKind;
  pattern: RegExp;
  /** The replacement (a string with $1… or a function), as String.prototype.replace takes it. */
  replacement: string;
}

/** Up to two separators between the digits of a number written by hand: «+7 (902) 000-11-22». */
const SEP = String.raw`[\s\-–()]{0,2}`;

/**
 * In order: e-mail before phone (digits inside an address), СНИЛС and
 * passport with their keyword before the bare forms, flat last.
 */
export const PERSONAL_TEXT_PATTERNS: readonly PersonalTextPattern[] = [
  {
    kind: 'email',
    // Lengths bounded as RFC 5321 bounds them, so a long run without «@» costs linear time.
    pattern: /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\p{N}-])/gu,
    replacement: '[e-mail скрыт]',
  },
  {
    // СНИЛС named as such, in any spacing: «СНИЛС 112-233-445 95», «снилс: 11223344595».
    kind: 'snils',
    pattern: new RegExp(String.raw`(снилс\s*(?:№\s*)?:?\s*)\d(?:${SEP}\d){10}(?!\d)`, 'giu'),
    replacement: '$1[СНИЛС скрыт]',
  },
  {
    // СНИЛС in its own format, 123-456-789 01 (the form on the card).
    kind: 'snils',
    pattern: /(?<![\d-])\d{3}-\d{3}-\d{3}[\s-]\d{2}(?![\d-])/gu,
    replacement: '[СНИЛС скрыт]',
  },
  {
    // A Russian phone: +7 or 8, then ten digits with spaces, dashes or brackets between them.
    kind: 'phone',
    pattern: new RegExp(String.raw`(?<![\d+])(?:\+\s?7|8)${SEP}\d(?:${SEP}\d){9}(?![\d])`, 'gu'),
    replacement: '[телефон скрыт]',
  },
  {
    // A number written after «тел.», «телефон», «моб.»: a city number without the code, 45-67-89.
    kind: 'phone',
    pattern: /(?<![\p{L}])((?:тел(?:ефон[а-яё]*)?|моб(?:ильн[а-яё]*)?)\.?\s*(?:№\s*)?:?\s*)\+?\d(?:[\s\-–()]{0,2}\d){4,13}(?!\d)/giu,
    replacement: '$1[телефон скрыт]',
  },
  {
    // A passport named as such: «паспорт 88 05 123456», «паспорт серии 8805 № 123456».
    kind: 'passport',
    pattern: /(паспорт[а-яё]*\s*(?:рф\s*)?(?:сери[а-яё]*\s*)?:?\s*)\d{2}\s?\d{2}\s*(?:№|номер|n)?\s*\d{6}(?!\d)/giu,
    replacement: '$1[паспорт скрыт]',
  },
  {
    // The passport's own form without the word: «88 05 123456», «8805 № 123456».
    kind: 'passport',
    pattern: /(?<![\d-])\d{2}\s\d{2}\s(?:№\s?)?\d{6}(?![\d-])|(?<![\d-])\d{4}\s?№\s?\d{6}(?![\d-])/gu,
    replacement: '[паспорт скрыт]',
  },
  {
    // A flat: «кв. 12», «кв.12а», «квартира № 7», «квартиру 3»; not «квартал 5», not «50 кв. м».
    kind: 'flat',
    pattern: /(?<![\p{L}])(кв\.?|квартир[а-яё]*)(\s*(?:№\s*)?)\d+(?:\s?[а-яёa-z](?![\p{L}]))?/giu,
    replacement: '$1$2***',
  },
  {
    // A full Russian name, «Фамилия Имя Отчество» in any case: the patronymic (-вич/-вна/-ична
    // and their case endings) gives it away; «Карла Маркса» or «Марий Эл» have none.
    kind: 'name',
    pattern: /(?<!\p{L})[А-ЯЁ][а-яё]{1,30}\s+[А-ЯЁ][а-яё]{1,30}\s+[А-ЯЁ][а-яё]{1,30}(?:ич|вн|ичн|чн)(?:а|у|ем|е|ой|ы|ом|ей)?(?!\p{L})/gu,
    replacement: '[ФИО скрыто]',
  },
];

/** The text with every personal datum of PERSONAL_TEXT_PATTERNS replaced; null stays null. */
export function maskPersonalText(text: string): string;
export function maskPersonalText(text: string | null | undefined): string | null;
export function maskPersonalText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // Every pattern but the name needs a digit or «@»: most texts without either cost two scans.
  const digits = /[\d@]/.test(text);
  let masked = text;
  for (const { kind, pattern, replacement } of PERSONAL_TEXT_PATTERNS) {
    if (digits || kind === 'name') masked = masked.replace(pattern, replacement);
  }
  return masked;
}

/** The kinds of personal data found in a text (for tests and for telling a reader what was hidden). */
export function personalTextKinds(text: string): PersonalTextKind[] {
  const found = new Set<PersonalTextKind>();
  let rest = text;
  for (const { kind, pattern, replacement } of PERSONAL_TEXT_PATTERNS) {
    const next = rest.replace(pattern, replacement);
    if (next !== rest) found.add(kind);
    rest = next;
  }
  return [...found];
}
