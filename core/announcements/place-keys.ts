import { normaliseRussian, stemRussian, tokenizeRussian } from '../structuring/russian-text.js';

/**
 * Street and settlement keys: how an audience's streets are stored and
 * matched in an appeal's address and text. A key is the sequence of Snowball
 * stems of the name without the street type («ул.», «проспект», ...), so
 * «ул. Советская, 5», «на Советской улице, д. 5» and «советская 5» meet.
 */
const STREET_TYPES = new Set([
  'ул',
  'улица',
  'улице',
  'улицы',
  'улицу',
  'пр',
  'пр-т',
  'просп',
  'проспект',
  'проспекте',
  'пер',
  'переулок',
  'переулке',
  'б-р',
  'бульвар',
  'бульваре',
  'ш',
  'шоссе',
  'пл',
  'площадь',
  'площади',
  'наб',
  'набережная',
  'набережной',
  'мкр',
  'микрорайон',
  'проезд',
  'тупик',
  'д',
  'дом',
  'г',
  'город',
  'городе',
  'с',
  'село',
  'селе',
  'пгт',
  'поселок',
  'поселке',
  'п',
  'деревня',
  'деревне',
]);

/** The stems of a text's words, type words («улица», «дом», «г.») left out. */
export function placeStems(text: string): string[] {
  return tokenizeRussian(text)
    .map((token) => token.text)
    .filter((word) => !STREET_TYPES.has(word))
    .map((word) => (/^\d/.test(word) ? word : stemRussian(word)));
}

/** A street's (or address's) stored key: its stems joined by spaces; '' when nothing is left. */
export function streetKey(street: string): string {
  return placeStems(street).join(' ');
}

/** The street name of a key without house numbers (what a gazetteer lists). */
export function streetNameKey(key: string): string {
  return key
    .split(' ')
    .filter((part) => !/^\d/.test(part))
    .join(' ');
}

/** A street or settlement as written, normalised for display and storage (spaces collapsed, trimmed). */
export function tidyPlace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when the stems of `key` occur consecutively in `stems` (a text's stems, from placeStems). */
export function containsKey(stems: readonly string[], key: string): boolean {
  if (!key) return false;
  const parts = key.split(' ');
  outer: for (let i = 0; i + parts.length <= stems.length; i++) {
    for (let j = 0; j < parts.length; j++) if (stems[i + j] !== parts[j]) continue outer;
    return true;
  }
  return false;
}

/** Settlement names compare normalised («Семёновка» = «семеновка»). */
export const settlementKey = (name: string) => streetKey(normaliseRussian(name));

/** Words that say nothing about the topic of an outage or works, left out of the title's stems. */
const WEAK_STEMS = new Set([
  'жител',
  'город',
  'район',
  'улиц',
  'дом',
  'нет',
  'опя',
  'сегодн',
  'завтр',
  'врем',
  'связ',
  'работ',
  'плановы',
  'планов',
  'возможн',
  'информац',
  'уважаем',
]);

/** Topic stems of an announcement's title (at least 3 letters, weak words left out), for appeals nobody has structured yet. */
export function topicStems(title: string): Set<string> {
  return new Set(placeStems(title).filter((stem) => stem.length >= 3 && !/^\d/.test(stem) && !WEAK_STEMS.has(stem)));
}
