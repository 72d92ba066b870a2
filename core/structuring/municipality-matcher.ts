import type { MunicipalityReference } from '../entities/reference-types.js';
import { MunicipalityKind } from '../entities/reference-types.js';
import type { Places } from './places.schema.js';
import { AnalysedText } from './analysed-text.js';
import { stemRussian, tokenizeRussian, type Token } from './russian-text.js';
import { createStreetIndex } from './street-index.js';
import { TYPE_WORDS, ADJECTIVE_END, POSSESSIVE_END, isDestination, standsAlone, hasMarker, nearStreetWord } from './place-context.js';

export interface MunicipalityMatch {
  code: string;
  /** The words of the text that named the place, as written. */
  matched: string;
  /**
   * 0.95 an explicit municipality; 0.9 a district adjective or centre; 0.85 / 0.75 a settlement with / without
   * «пгт», «с.», «д.»; 0.8 a microdistrict; 0.7 a street the gazetteer knows in one town only.
   */
  confidence: number;
}

export interface MunicipalityMatcher {
  /** With an AnalysedText, its tokens and stems are the ones already worked out. */
  match(text: string | AnalysedText): MunicipalityMatch | null;
}

/*
 * How it works. Name forms (reference `nameForms`) are matched word for word:
 * the reference lists every case, and exact words keep «Волжская улица» apart
 * from «Волжский район». Settlements are matched by Snowball stems so that
 * «в Руэме», «Семёновке», «Новом Торъяле» are found from the nominative; the
 * risky ones need a settlement word before them:
 * - adjectives («Советский», «Приволжский», «Знаменский»): streets and
 *   everyday words otherwise;
 * - names in -ово/-ево/-ино («Кузнецово», «Юрино»): surnames otherwise
 *   («на Кузнецова»), unless written in the nominative;
 * - very short stems («Арда», «Упша»).
 * Overlapping candidates keep the longest («Шоя-Кузнецово» over «Кузнецово»,
 * «Волжском районе» over «Волжск»); then any name form beats any settlement,
 * and the earliest mention wins. A place named as a destination («из Руэма в
 * Йошкар-Олу», «автобус до Медведево») ranks after every other place: the
 * appeal is about where the resident is.
 */

interface NameForm {
  code: string;
  words: string[];
  confidence: number;
}

interface SettlementWord {
  exact: string;
  /** The word as written in the nominative and the gazetteer's case forms. */
  written: Set<string>;
  /**
   * Stems a text word's stem may equal. A stem under four letters is left out: Snowball cuts Mari
   * names short («Васен» → «вас», «Лужала» → «лужа»), and everyday words then matched them.
   */
  keys: Set<string>;
  /** For names in «-ск» only the noun forms: «Волжск/-а/-у/-е», never the adjective «волжский». */
  nounForms?: Set<string>;
}

interface Settlement {
  code: string;
  words: SettlementWord[];
  needsMarker: 'always' | 'unless-nominative' | 'never';
}

interface Candidate {
  code: string;
  first: number;
  last: number;
  /** 0 a name form or alias, 1 a settlement, microdistrict or landmark, 2 a street, 3 a destination. */
  rank: number;
  /** Streets and microdistricts come with their own street words («ул.», «мкр»). */
  addressed?: boolean;
  confidence: number;
}

/**
 * `places` (the region's gazetteer, places.json) adds the villages of each district with
 * their case forms, the microdistricts and the streets of the towns.
 */
export function createMunicipalityMatcher(municipalities: MunicipalityReference[], places?: Places): MunicipalityMatcher {
  const nameForms = indexNameForms(municipalities);
  const settlements = indexSettlements(municipalities, places);
  const streets = createStreetIndex(places);

  return {
    match(input: string | AnalysedText): MunicipalityMatch | null {
      const analysed = typeof input === 'string' ? new AnalysedText(input) : input;
      const { text, tokens, stems } = analysed;
      const candidates: Candidate[] = [];
      for (let index = 0; index < tokens.length; index++) {
        const word = tokens[index]!.text;
        for (const form of nameForms.get(word) ?? []) {
          const last = index + form.words.length - 1;
          if (form.words.every((formWord, offset) => tokens[index + offset]?.text === formWord)) {
            candidates.push({ code: form.code, first: index, last, rank: 0, confidence: form.confidence });
          }
        }
        const byWord = settlements.get(word);
        const stem = stems[index]!;
        const byStem = stem === word ? undefined : settlements.get(stem);
        if (!byWord && !byStem) continue;
        // A settlement under both keys is tried once.
        for (const settlement of byWord ?? []) {
          const candidate = matchSettlement(settlement, text, tokens, stems, index);
          if (candidate) candidates.push(candidate);
        }
        for (const settlement of byStem ?? []) {
          if (byWord?.includes(settlement)) continue;
          const candidate = matchSettlement(settlement, text, tokens, stems, index);
          if (candidate) candidates.push(candidate);
        }
      }
      for (const found of streets.find(text, tokens, stems)) {
        const rank = found.kind === 'street' ? 2 : found.kind === 'alias' ? 0 : 1;
        candidates.push({ code: found.code, first: found.first, last: found.last, rank, confidence: found.confidence, addressed: true });
      }
      for (const candidate of candidates) if (isDestination(candidate, tokens)) candidate.rank = 3;
      const best = choose(candidates.filter((candidate) => candidate.addressed || !nearStreetWord(candidate, text, tokens)));
      if (!best) return null;
      return {
        code: best.code,
        matched: text.slice(tokens[best.first]!.start, tokens[best.last]!.end),
        confidence: best.confidence,
      };
    },
  };
}

function indexNameForms(municipalities: MunicipalityReference[]): Map<string, NameForm[]> {
  const index = new Map<string, NameForm[]>();
  for (const municipality of municipalities) {
    for (const form of municipality.nameForms) {
      const words = tokenizeRussian(form).map((token) => token.text);
      if (words.length === 0) continue;
      const explicit = municipality.kind === MunicipalityKind.CITY_DISTRICT || words.some((word) => TYPE_WORDS.has(word));
      push(index, words[0]!, { code: municipality.code, words, confidence: explicit ? 0.95 : 0.9 });
    }
  }
  return index;
}

function indexSettlements(municipalities: MunicipalityReference[], places?: Places): Map<string, Settlement[]> {
  // A name shared by two municipalities tells nothing: leave it out.
  const owners = new Map<string, Set<string>>();
  const forms = new Map<string, string[][]>();
  const bare = new Set<string>();
  const own = (name: string, code: string, written: readonly string[] = [], markerOptional = false) => {
    const key = tokenizeRussian(name)
      .map((token) => token.text)
      .join(' ');
    if (!owners.has(key)) owners.set(key, new Set());
    owners.get(key)!.add(code);
    if (markerOptional) bare.add(key);
    const list = forms.get(key) ?? [];
    for (const form of written) list.push(tokenizeRussian(form).map((token) => token.text));
    forms.set(key, list);
  };
  for (const municipality of municipalities) for (const name of municipality.settlements) own(name, municipality.code);
  for (const settlement of places?.settlements ?? []) own(settlement.name, settlement.municipality, settlement.forms, settlement.markerOptional);
  const index = new Map<string, Settlement[]>();
  for (const [key, codes] of owners) {
    if (codes.size !== 1 || key === '') continue;
    const words = key.split(' ').map(settlementWord);
    // Case forms from the gazetteer: each word of a form of the same length is one more way to write that word.
    for (const form of forms.get(key) ?? []) {
      if (form.length !== words.length) continue;
      form.forEach((written, i) => {
        words[i]!.written.add(written);
        addStem(words[i]!.keys, written);
        words[i]!.nounForms?.add(written);
      });
    }
    const last = words[words.length - 1]!.exact;
    const needsMarker: Settlement['needsMarker'] = bare.has(key)
      ? 'never'
      : ADJECTIVE_END.test(last)
        ? 'always'
        : POSSESSIVE_END.test(last)
          ? 'unless-nominative'
          : words.length === 1 && stemRussian(last).length < 4
            ? 'always'
            : 'never';
    const settlement: Settlement = { code: [...codes][0]!, words, needsMarker };
    for (const firstKey of new Set([...words[0]!.written, ...words[0]!.keys])) push(index, firstKey, settlement);
  }
  return index;
}

function settlementWord(word: string): SettlementWord {
  // The word without its last vowel stands for the stem of short names («Арда» → «ард», as «в Арде»).
  const keys = new Set([word.replace(/[аеиоуыэюяь]$/, '')]);
  addStem(keys, word);
  const nounForms = word.endsWith('ск') ? new Set(['', 'а', 'у', 'е'].map((ending) => word + ending)) : undefined;
  return { exact: word, written: new Set([word]), keys, ...(nounForms ? { nounForms } : {}) };
}

function addStem(keys: Set<string>, written: string): void {
  const stem = stemRussian(written);
  if (stem.length >= 4) keys.add(stem);
}

/** `stem`: the token's stem. */
function wordMatches(word: SettlementWord, token: string, stem: string): boolean {
  if (word.nounForms) return word.nounForms.has(token);
  return word.written.has(token) || word.keys.has(stem);
}

function matchSettlement(settlement: Settlement, text: string, tokens: Token[], stems: readonly string[], first: number): Candidate | null {
  const last = first + settlement.words.length - 1;
  if (last >= tokens.length) return null;
  if (!settlement.words.every((word, offset) => wordMatches(word, tokens[first + offset]!.text, stems[first + offset]!))) return null;
  const marked = hasMarker(text, tokens, first);
  const nominative = settlement.words.every((word, offset) => tokens[first + offset]!.text === word.exact);
  if (settlement.needsMarker === 'always' && !marked && !standsAlone(text, tokens, first, last)) return null;
  if (settlement.needsMarker === 'unless-nominative' && !marked && !nominative) return null;
  return { code: settlement.code, first, last, rank: 1, confidence: marked ? 0.85 : 0.75 };
}

function choose(candidates: Candidate[]): Candidate | null {
  // Longest spans first; a span overlapping a longer one is dropped.
  const bySpan = [...candidates].sort((a, b) => b.last - b.first - (a.last - a.first) || a.rank - b.rank || a.first - b.first);
  const kept: Candidate[] = [];
  for (const candidate of bySpan) {
    if (!kept.some((other) => candidate.first <= other.last && other.first <= candidate.last)) kept.push(candidate);
  }
  kept.sort((a, b) => a.rank - b.rank || a.first - b.first || b.confidence - a.confidence);
  return kept[0] ?? null;
}

function push<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
