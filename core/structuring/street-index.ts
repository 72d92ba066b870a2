import type { Places } from './places.schema.js';
import { tokenizeRussian, type Token } from './russian-text.js';

/*
 * Streets and microdistricts of the region's towns (places.json), for texts that name no
 * town: «на Красноармейской 105 батареи холодные», «мкр Звёздный, ул. Шаблатова».
 *
 * A street counts when the text marks it as an address: a street word before it («ул.»,
 * «улица», «проспект»…), a house number after it («Эшкинина 6», «Прохорова, д. 12»), or
 * «на»/«по» before it; a street name of two or more words («Йывана Кырли», «Подольских
 * Курсантов») counts anywhere. A street resolves to its town only when the gazetteer has it
 * in one town and it is not a name most towns give («Ленина», «Мира», «Советская»):
 * ambiguous ones stay unresolved rather than guessed.
 *
 * A microdistrict with an adjective name («Звёздный», «Девятый») counts next to «мкр»,
 * «микрорайон», or in an oblique case after a preposition of place («в звёздном»); one with a
 * noun name («Гомзово», «Ширяйково») anywhere.
 */

export interface StreetCandidate {
  code: string;
  first: number;
  last: number;
  confidence: number;
  kind: 'street' | 'microdistrict';
}

interface Entry {
  code: string;
  words: string[];
  kind: 'street' | 'microdistrict';
  needsMarker: boolean;
}

const STREET_WORDS = new Set([
  'ул', 'улица', 'улицы', 'улице', 'улицу', 'улицей', 'пр', 'просп', 'проспект', 'проспекта', 'проспекте',
  'пер', 'переулок', 'переулке', 'проезд', 'проезде', 'б', 'бул', 'бульвар', 'бульваре', 'тракт', 'тракте', 'пл', 'площадь', 'площади',
]);
const MICRODISTRICT_WORDS = new Set(['мкр', 'мкрн', 'микрорайон', 'микрорайона', 'микрорайоне', 'микрорайону']);
const PREPOSITIONS = new Set(['на', 'по', 'с', 'со', 'до']);
/** Prepositions of place before a microdistrict name without «мкр»: «в Звёздном», «на звездном». */
const PLACE_PREPOSITIONS = new Set(['в', 'во', 'на', 'из', 'до']);

export interface StreetIndex {
  find(text: string, tokens: Token[]): StreetCandidate[];
}

export function createStreetIndex(places: Places | undefined): StreetIndex {
  const byFirstWord = new Map<string, Entry[]>();
  if (places) {
    const common = new Set(places.commonStreetNames.map(key));
    const towns = new Map<string, Set<string>>();
    for (const street of places.streets) {
      if (!towns.has(key(street.name))) towns.set(key(street.name), new Set());
      towns.get(key(street.name))!.add(street.town);
    }
    const add = (entry: Entry) => {
      const list = byFirstWord.get(entry.words[0]!) ?? [];
      list.push(entry);
      byFirstWord.set(entry.words[0]!, list);
    };
    for (const street of places.streets) {
      if (common.has(key(street.name)) || towns.get(key(street.name))!.size !== 1) continue;
      for (const form of street.forms) add({ code: street.town, words: words(form), kind: 'street', needsMarker: false });
    }
    for (const district of places.microdistricts) {
      for (const form of district.forms) add({ code: district.municipality, words: words(form), kind: 'microdistrict', needsMarker: district.needsMarker });
    }
  }
  return {
    find(text, tokens) {
      const found: StreetCandidate[] = [];
      tokens.forEach((token, first) => {
        for (const entry of byFirstWord.get(token.text) ?? []) {
          const last = first + entry.words.length - 1;
          if (!entry.words.every((word, offset) => tokens[first + offset]?.text === word)) continue;
          const before = tokens[first - 1]?.text;
          const after = tokens[last + 1]?.text;
          if (entry.kind === 'microdistrict') {
            const marked = (before !== undefined && MICRODISTRICT_WORDS.has(before)) || (after !== undefined && MICRODISTRICT_WORDS.has(after));
            const placed = before !== undefined && PLACE_PREPOSITIONS.has(before) && entry.words.length === 1 && !/^(ий|ый|ой)$/.test(token.text.slice(-2));
            if (entry.needsMarker && !marked && !placed && !entry.words.some((word) => MICRODISTRICT_WORDS.has(word))) continue;
            found.push({ code: entry.code, first, last, confidence: 0.8, kind: entry.kind });
            continue;
          }
          const addressed = (before !== undefined && (STREET_WORDS.has(before) || PREPOSITIONS.has(before))) ||
            (after !== undefined && /^\d/.test(after)) || entry.words.length > 1;
          if (addressed) found.push({ code: entry.code, first, last, confidence: 0.7, kind: entry.kind });
        }
      });
      return found;
    },
  };
}

const words = (text: string) => tokenizeRussian(text).map((token) => token.text);
const key = (name: string) => words(name).join(' ');
