import type { Places } from './places.schema.js';
import { stemRussian, STREET_WORDS, tokenizeRussian, type Token } from './russian-text.js';

/*
 * Streets and microdistricts of the region's towns (places.json), for texts that name no
 * town: «на Красноармейской 105 батареи холодные», «мкр Звёздный, ул. Шаблатова».
 *
 * A street counts when the text marks it as an address: a street word before it («ул.»,
 * «улица», «проспект»…), a house number after it («Эшкинина 6», «Прохорова, д. 12»), or
 * «на»/«по»/«на пересечении» before it, or «и» after another street; a street name of two or more words («Йывана Кырли», «Подольских
 * Курсантов») counts anywhere. A street resolves to its town only when the gazetteer has it
 * in one town and it is not a name most towns give («Ленина», «Мира», «Советская»):
 * ambiguous ones stay unresolved rather than guessed.
 *
 * A microdistrict of one word matches in any case form by its Snowball stem («Ремзаводом»,
 * «Звёздному», «Гомзовом»), as settlements do; the forms in the file are matched as written too.
 * A microdistrict with an adjective name («Звёздный», «Девятый») counts next to «мкр»,
 * «микрорайон», before a house number («звездный 5»), or in an oblique case after a
 * preposition of place («в звёздном», «на дубках»); one with a noun name («Гомзово»,
 * «Ширяйково») anywhere.
 *
 * A one-word adjective street name directly followed by a word with the same ending is an
 * adjective of that word, not a street («с транспортной картой», «первомайской демонстрации»).
 * The words of a street name of several words match by their stems («по бульвару Победы»).
 *
 * Aliases («в йошке») and landmarks («Волжская городская больница») are phrases matched as
 * written, word for word.
 */

export interface StreetCandidate {
  code: string;
  first: number;
  last: number;
  confidence: number;
  kind: Kind;
}

type Kind = 'street' | 'microdistrict' | 'alias' | 'landmark';

interface Entry {
  code: string;
  words: string[];
  kind: Kind;
  needsMarker: boolean;
}

const CONFIDENCE: Record<Kind, number> = { alias: 0.9, landmark: 0.8, microdistrict: 0.8, street: 0.7 };

const MICRODISTRICT_WORDS = new Set(['мкр', 'мкрн', 'микрорайон', 'микрорайона', 'микрорайоне', 'микрорайону']);
const PREPOSITIONS = new Set(['на', 'по', 'с', 'со', 'от', 'до', 'пересечении', 'перекрестке', 'углу', 'угол']);
/**
 * Prepositions of place before a microdistrict name without «мкр»: «в Звёздном», «на звездном», «с дубков», «от звездного»,
 * «за Ремзаводом», «под Гомзовом», «возле Звёздного», «у Дубков».
 */
const PLACE_PREPOSITIONS = new Set(['в', 'во', 'на', 'из', 'до', 'с', 'со', 'от', 'за', 'под', 'возле', 'около', 'у', 'к', 'ко']);
/** After «с/со» the instrumental means «with» («с дубками», «со звёздным»), not a place. */
const INSTRUMENTAL_END = /(ами|ями|ым|им|ой|ей|ом|ем|ою)$/;

export interface StreetIndex {
  /** `stems`: the tokens' stems, by token index (worked out when absent). */
  find(text: string, tokens: Token[], stems?: readonly string[]): StreetCandidate[];
}

export function createStreetIndex(places: Places | undefined): StreetIndex {
  const byFirstWord = new Map<string, Entry[]>();
  // Several-word street names match word by word on stems: the first word is indexed by its stem.
  const byFirstStem = new Map<string, Entry[]>();
  if (places) {
    const common = new Set(places.commonStreetNames.map(key));
    const towns = new Map<string, Set<string>>();
    for (const street of places.streets) {
      if (!towns.has(key(street.name))) towns.set(key(street.name), new Set());
      towns.get(key(street.name))!.add(street.town);
    }
    const add = (entry: Entry) => {
      const stemmed = byStem(entry);
      const index = stemmed ? byFirstStem : byFirstWord;
      const first = stemmed ? stemRussian(entry.words[0]!) : entry.words[0]!;
      const list = index.get(first) ?? [];
      const same = (other: Entry) =>
        other.code === entry.code && other.kind === entry.kind && (stemmed ? stems(other) === stems(entry) : other.words.join(' ') === entry.words.join(' '));
      if (!list.some(same)) list.push(entry);
      index.set(first, list);
    };
    for (const street of places.streets) {
      if (common.has(key(street.name)) || towns.get(key(street.name))!.size !== 1) continue;
      for (const form of street.forms) add({ code: street.town, words: words(form), kind: 'street', needsMarker: false });
    }
    for (const district of places.microdistricts) {
      for (const form of district.forms) add({ code: district.municipality, words: words(form), kind: 'microdistrict', needsMarker: district.needsMarker });
    }
    for (const [kind, list] of [
      ['alias', places.aliases],
      ['landmark', places.landmarks],
    ] as const) {
      for (const item of list) for (const form of item.forms) add({ code: item.municipality, words: words(form), kind, needsMarker: false });
    }
  }
  return {
    find(text, tokens, stems = tokens.map((token) => stemRussian(token.text))) {
      const found: StreetCandidate[] = [];
      tokens.forEach((token, first) => {
        const byWord = byFirstWord.get(token.text);
        const byStem = byFirstStem.get(stems[first]!);
        if (!byWord && !byStem) return;
        const entries = byWord && byStem ? [...byWord, ...byStem] : (byWord ?? byStem)!;
        for (const entry of entries) {
          const last = first + entry.words.length - 1;
          if (!entry.words.every((word, offset) => sameWord(entry, word, tokens[first + offset]?.text, stems[first + offset]))) continue;
          const before = tokens[first - 1]?.text;
          const after = tokens[last + 1]?.text;
          const candidate = { code: entry.code, first, last, confidence: CONFIDENCE[entry.kind], kind: entry.kind };
          if (entry.kind === 'alias' || entry.kind === 'landmark') {
            found.push(candidate);
          } else if (entry.kind === 'microdistrict') {
            const marked =
              (before !== undefined && MICRODISTRICT_WORDS.has(before)) || (after !== undefined && (MICRODISTRICT_WORDS.has(after) || /^\d/.test(after)));
            const placed =
              before !== undefined &&
              PLACE_PREPOSITIONS.has(before) &&
              entry.words.length === 1 &&
              !/^(ий|ый|ой)$/.test(token.text.slice(-2)) &&
              !((before === 'с' || before === 'со') && INSTRUMENTAL_END.test(token.text)) &&
              // «за комсомольским значком», «у предзаводского рынка»: an adjective of the next word, not a place.
              !agreesWithNextWord(text, tokens, first);
            if (entry.needsMarker && !marked && !placed && !entry.words.some((word) => MICRODISTRICT_WORDS.has(word))) continue;
            found.push(candidate);
          } else {
            const addressed =
              (before !== undefined && (STREET_WORDS.has(before) || PREPOSITIONS.has(before))) ||
              (after !== undefined && /^\d/.test(after)) ||
              entry.words.length > 1;
            // «на пересечении панфилова и красноармейской»: the second street of a pair is addressed by the first.
            const paired = before === 'и' && found.some((other) => other.kind === 'street' && other.last === first - 2);
            if ((addressed || paired) && !(entry.words.length === 1 && adjectiveOfNextWord(text, tokens, first))) found.push(candidate);
          }
        }
      });
      return found;
    },
  };
}

/** Entries matched word by word on Snowball stems: streets of several words, microdistricts of one word. */
const byStem = (entry: Entry) => (entry.kind === 'street' && entry.words.length > 1) || (entry.kind === 'microdistrict' && entry.words.length === 1);

/** `stem`: the token's stem. */
function sameWord(entry: Entry, word: string, token: string | undefined, stem: string | undefined): boolean {
  if (token === undefined) return false;
  if (token === word) return true;
  if (!byStem(entry) || stem !== stemRussian(word)) return false;
  // An adjective name matched by its stem only in its masculine oblique cases: «Звёздному», «Комсомольским»,
  // never the feminine of a street name with the same stem («на Комсомольской 131»).
  return entry.kind !== 'microdistrict' || !ADJECTIVE_FORM.test(word) || MASCULINE_OBLIQUE.test(token);
}

const ADJECTIVE_FORM = /(ий|ый|ой|ого|его|ом|ем)$/;
const MASCULINE_OBLIQUE = /(ого|его|ому|ему|ом|ем|им|ым)$/;

/** «транспортной картой»: an adjective agreeing with the next word (same ending), not a street word, no punctuation between. */
function adjectiveOfNextWord(text: string, tokens: Token[], index: number): boolean {
  const word = tokens[index]!;
  const next = tokens[index + 1];
  if (!next || !/^\s+$/.test(text.slice(word.end, next.start)) || STREET_WORDS.has(next.text)) return false;
  const ending = /(ая|ой|ую|ий|ый|ое|ом|ем|ого|его|ому|ему)$/.exec(word.text)?.[1];
  return ending !== undefined && next.text.length > 3 && next.text.endsWith(ending.slice(-2));
}

/** Oblique adjective endings and the noun endings of the same case. */
const AGREEMENT: [RegExp, RegExp][] = [
  [/(ого|его)$/, /(а|я|ы|и|ов|ев|ей)$/],
  [/(ому|ему)$/, /(у|ю|е|ам|ям)$/],
  [/(ым|им)$/, /(ом|ем|ём|ой|ей|ью|ами|ями)$/],
  [/(ом|ем)$/, /(е|и|ах|ях)$/],
];

/** An adjective in an oblique case followed, with no punctuation between, by a word of the same case: «звёздным небом». */
function agreesWithNextWord(text: string, tokens: Token[], index: number): boolean {
  const word = tokens[index]!;
  const next = tokens[index + 1];
  if (!next || !/^\s+$/.test(text.slice(word.end, next.start)) || next.text.length <= 3 || STREET_WORDS.has(next.text) || MICRODISTRICT_WORDS.has(next.text))
    return false;
  return AGREEMENT.some(([adjective, noun]) => adjective.test(word.text) && noun.test(next.text));
}

const stems = (entry: Entry) => entry.words.map(stemRussian).join(' ');
const words = (text: string) => tokenizeRussian(text).map((token) => token.text);
const key = (name: string) => words(name).join(' ');
