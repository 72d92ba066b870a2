import { normaliseRussian } from '../structuring/russian-text.js';

/** Words that name the kind of a street or place, not the place: «ул.», «улица», «д.», «дом»... */
const ADDRESS_NOISE = new Set([
  'г',
  'гор',
  'город',
  'ул',
  'улица',
  'д',
  'дом',
  'пр',
  'пр-т',
  'просп',
  'проспект',
  'пер',
  'переулок',
  'б-р',
  'бул',
  'бульвар',
  'пл',
  'площадь',
  'ш',
  'шоссе',
  'наб',
  'набережная',
  'пгт',
  'пос',
  'п',
  'поселок',
  'с',
  'село',
  'дер',
  'деревня',
  'мкр',
  'микрорайон',
  'корп',
  'корпус',
  'к',
  'стр',
  'строение',
  'кв',
  'квартира',
  'респ',
  'республика',
  'рф',
  'россия',
  'район',
  'р-н',
  'городской',
  'округ',
]);

/**
 * `regionWords`: the words of the region's own name (the pack's `addressWords`,
 * e.g. «заречная», «область»), which name no place inside it.
 *
 * The address reduced to what names the place: lower case, «ё»→«е», the
 * words for street kinds dropped, so «г. Луговой, ул. Панфилова, д. 37» and
 * «Луговой, улица Панфилова, дом 37» give the same key. Null when no house
 * number is present: a town or a street alone would make every appeal from it
 * a "repeat".
 */
export function addressKey(address: string | null | undefined, regionWords: readonly string[] = []): string | null {
  if (!address) return null;
  const words = normaliseRussian(address)
    .split(/[^0-9a-zа-я]+/)
    .filter((word) => word && !ADDRESS_NOISE.has(word) && !regionWords.includes(word));
  if (words.length < 2 || !words.some((word) => /\d/.test(word))) return null;
  return words.join(' ');
}

export function emailKey(email: string | null | undefined): string | null {
  const key = email?.trim().toLowerCase();
  return key ? key : null;
}

/** The last ten digits: +7 912..., 8 912... and 912... are the same Russian number. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 10 ? digits.slice(-10) : null;
}
