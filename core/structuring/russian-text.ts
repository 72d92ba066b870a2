import snowballFactory from 'snowball-stemmers';

/** A word of a text: its normalised form and its place in the original string. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const russianStemmer = snowballFactory.newStemmer('russian');
const stemCache = new Map<string, string>();
/** The cache holds the words of every text seen; past this size it starts afresh rather than grow for ever. */
const STEM_CACHE_LIMIT = 100_000;

const SLOW_CASE = /[\uD800-\uDFFF\u03A3]/;

/**
 * Lowercase, «ё» → «е», «ъ» → «ь» («Торъял» and the frequent «Торьял» become one).
 * Keeps the string length, so offsets into the result are offsets into the input.
 */
export function normaliseRussian(text: string): string {
  // The whole string at once when that is the same as char by char: no surrogate pairs (astral
  // letters), no «Σ» (whose lower case depends on its place), and no char whose lower case is longer.
  if (!SLOW_CASE.test(text)) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) {
      const yo = lower.includes('ё') ? lower.replaceAll('ё', 'е') : lower;
      return yo.includes('ъ') ? yo.replaceAll('ъ', 'ь') : yo;
    }
  }
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const lower = char.toLowerCase();
    const single = lower.length === 1 ? lower : char;
    result += single === 'ё' ? 'е' : single === 'ъ' ? 'ь' : single;
  }
  return result;
}

/** Words of the text; hyphens and punctuation separate words («Йошкар-Оле» → «йошкар», «оле»). */
export function tokenizeRussian(text: string): Token[] {
  const normalised = normaliseRussian(text);
  const tokens: Token[] = [];
  // A scan for runs of [0-9a-zа-я] (the normalised text has no «ё»): the same words as a regular expression, without its match objects.
  let start = -1;
  for (let i = 0; i <= normalised.length; i++) {
    if (i < normalised.length && isWordChar(normalised.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push({ text: normalised.slice(start, i), start, end: i });
      start = -1;
    }
  }
  return tokens;
}

/** [0-9a-zа-я] */
function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x430 && code <= 0x44f);
}

/** Snowball Russian stem of one normalised word, cached. */
export function stemRussian(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = russianStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/**
 * Words that make the next name a street's or a microdistrict's («ул.», «переулка»,
 * «набережная», «мкр»), as normalised tokens: one list for the place matcher (a place name
 * after one is a street named after the place) and the street index (a street name after one
 * is an address).
 */
export const STREET_WORDS: ReadonlySet<string> = new Set([
  'ул',
  'улица',
  'улицы',
  'улице',
  'улицу',
  'улицей',
  'пр',
  'просп',
  'проспект',
  'проспекта',
  'проспекте',
  'пер',
  'переулок',
  'переулка',
  'переулке',
  'проезд',
  'проезда',
  'проезде',
  'б',
  'бул',
  'бульвар',
  'бульвара',
  'бульваре',
  'тракт',
  'тракта',
  'тракте',
  'шоссе',
  'наб',
  'набережная',
  'набережной',
  'пл',
  'площадь',
  'площади',
  'мкр',
  'мкрн',
  'микрорайон',
  'микрорайона',
  'микрорайоне',
]);
