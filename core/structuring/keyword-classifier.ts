import type { CategoryDefinition } from '../plugin-api/index.js';
import { AnalysedText } from './analysed-text.js';
import { keywordTerms, topicStems } from './topic-terms.js';

/** A category as the classifier knows it: its sector and its keyword phrases. */
export interface ClassifierCategory {
  sectorCode: string;
  category: CategoryDefinition;
}

export interface CategoryScore {
  sectorCode: string;
  categoryCode: string;
  score: number;
  /** The keyword phrases that contributed, best first, as written in the plugin. */
  matched: string[];
  /**
   * How many whole phrases the matches add up to. A phrase counts by the share
   * of its weight found times the square of the share of its words found, so
   * one word of a two-word phrase («ждать» of «ждать автобус») is weak
   * evidence however distinctive that word looked among the keywords.
   */
  evidence: number;
}

export interface Classification {
  /** Every category that scored, best first. */
  categories: CategoryScore[];
  /** Sector scores (sums of their categories' scores), best first. */
  sectors: { sectorCode: string; score: number }[];
  sectorCode: string | null;
  categoryCode: string | null;
  /** 0..1: how clearly the best sector wins and how much evidence there is. */
  confidence: number;
  matched: string[];
}

export interface KeywordClassifier {
  /**
   * With an AnalysedText, its topic terms are the ones already worked out, and the scores of the
   * last text classified are kept: classifying it again (with another sector or none) only ranks them.
   */
  classify(text: string | AnalysedText, options?: { sectorCode?: string | null }): Classification;
}

/*
 * How it works (decree clause 5: "structuring and formalisation of the essence").
 *
 * Keyword phrases and texts are reduced to Snowball stems (a maintained
 * Russian stemmer, so «отопления», «отоплением» meet «отопление»). Words that
 * carry no topic (prepositions, conjunctions, negations, pronouns) are left out.
 *
 * - Each stem has a weight, the square of an inverse document frequency over
 *   the categories of all enabled plugins: «контейнер» (a few waste
 *   categories) weighs far more than «ремонт» (roads, housing, schools,
 *   hospitals). Squared, because a word of one category is much better
 *   evidence than a word of three, not merely somewhat better.
 * - A phrase gives partial credit per matching stem: its coverage is the share
 *   of its stems' weight found in the text, and it contributes its matched
 *   weight times that coverage, so a whole phrase counts far more than one
 *   word of it and a shared word alone counts little.
 * - A text stem counts once per category (the best phrase it occurs in), so a
 *   category with many phrases around one word is not favoured for that word.
 * - Stems match exactly, or by prefix when the shorter has at least
 *   PREFIX_MIN letters (Snowball leaves «батаре»/«батар», «контейнер»/«контейнерн»
 *   apart), at a reduced weight.
 * - The sector is the one whose categories score most in sum (several weak
 *   signals of one sector beat one strong signal of another); the category is
 *   the best one within that sector.
 * - Confidence = margin × strength: the margin is how far the best sector is
 *   ahead of the second ((s1 − s2) / s1), the strength grows with the evidence
 *   of the chosen category in whole phrases (1 − e^(−evidence / EVIDENCE_SCALE)).
 *   A text of one sector with one whole phrase gets 0.86; two sectors in
 *   balance or a single word of a phrase stay under the default threshold 0.5.
 */

/** Shortest stem that may match a longer one by prefix. */
const PREFIX_MIN = 5;
/** Weight of a prefix match against an exact one. */
const PREFIX_CREDIT = 0.6;
/** Evidence (in whole phrases) at which the strength reaches 1 − 1/e. */
const EVIDENCE_SCALE = 0.5;
/** Text stems whose keyword matches are kept (they depend on the stem alone); past this the cache starts afresh. */
const LOOKUP_CACHE_LIMIT = 50_000;

interface IndexedPhrase {
  entry: IndexedCategory;
  text: string;
  stems: string[];
  totalWeight: number;
}

interface IndexedCategory {
  sectorCode: string;
  code: string;
  phrases: IndexedPhrase[];
}

export function createKeywordClassifier(categories: readonly ClassifierCategory[]): KeywordClassifier {
  const entries: IndexedCategory[] = categories.map(({ sectorCode, category }) => ({ sectorCode, code: category.code, phrases: [] }));
  const phraseStems = categories.map(({ category }) => category.keywords.map((keyword) => [...new Set(keywordTerms(keyword))]));

  // Inverse frequency over categories: in how many categories does a stem occur?
  const categoriesOf = new Map<string, Set<number>>();
  phraseStems.forEach((phrases, index) => {
    for (const stems of phrases)
      for (const stem of stems) {
        if (!categoriesOf.has(stem)) categoriesOf.set(stem, new Set());
        categoriesOf.get(stem)!.add(index);
      }
  });
  const total = Math.max(categories.length, 1);
  const weight = new Map([...categoriesOf].map(([stem, owners]) => [stem, Math.log(1 + total / owners.size) ** 2]));

  // stem -> phrases containing it
  const byStem = new Map<string, IndexedPhrase[]>();
  categories.forEach(({ category }, index) => {
    const entry = entries[index]!;
    category.keywords.forEach((keyword, k) => {
      const stems = phraseStems[index]![k]!;
      if (stems.length === 0) return;
      const phrase: IndexedPhrase = { entry, text: keyword, stems, totalWeight: stems.reduce((sum, s) => sum + weight.get(s)!, 0) };
      entry.phrases.push(phrase);
      for (const stem of stems) {
        if (!byStem.has(stem)) byStem.set(stem, []);
        byStem.get(stem)!.push(phrase);
      }
    });
  });
  const keywordStems = [...byStem.keys()];
  const acronyms = new Set(keywordStems.filter((stem) => stem.startsWith('#')).map((stem) => stem.slice(1)));

  // Sorted, so that the keyword stems starting with a text stem are one binary search away.
  const sorted = keywordStems.filter((stem) => !stem.startsWith('#')).sort();

  /** `lookup` of the text stems seen so far (it depends on the stem alone). */
  const looked = new Map<string, [string, number][]>();
  const lookupCached = (textStem: string) => {
    let found = looked.get(textStem);
    if (!found) {
      found = lookup(textStem);
      if (looked.size >= LOOKUP_CACHE_LIMIT) looked.clear();
      looked.set(textStem, found);
    }
    return found;
  };

  /** Keyword stems a text stem stands for, with the credit of each match. */
  function lookup(textStem: string): [string, number][] {
    const found: [string, number][] = byStem.has(textStem) ? [[textStem, 1]] : [];
    if (textStem.startsWith('#') || textStem.length < PREFIX_MIN) return found;
    // Keyword stems that are a prefix of the text stem («батар» for «батаре»)...
    for (let length = PREFIX_MIN; length < textStem.length; length++) {
      const prefix = textStem.slice(0, length);
      if (byStem.has(prefix)) found.push([prefix, PREFIX_CREDIT]);
    }
    // ...and those the text stem is a prefix of («контейнер» for «контейнерн»).
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < textStem) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(textStem); i++) {
      if (sorted[i] !== textStem) found.push([sorted[i]!, PREFIX_CREDIT]);
    }
    return found;
  }

  /** Every category that scored, best first (unrestricted: a sector only filters these, the scores are per category). */
  function rank(terms: readonly string[]): CategoryScore[] {
    // Credit of each keyword stem present in the text (best match).
    const present = new Map<string, number>();
    for (const textStem of new Set(terms)) {
      for (const [stem, credit] of lookupCached(textStem)) present.set(stem, Math.max(present.get(stem) ?? 0, credit));
    }

    // Coverage of each phrase that has at least one stem in the text.
    const coverage = new Map<IndexedPhrase, number>();
    const wordShare = new Map<IndexedPhrase, number>();
    for (const stem of present.keys()) {
      for (const phrase of byStem.get(stem)!) {
        if (coverage.has(phrase)) continue;
        let matchedWeight = 0;
        let found = 0;
        for (const s of phrase.stems) {
          const credit = present.get(s);
          matchedWeight += (credit ?? 0) * weight.get(s)!;
          if (credit !== undefined) found++;
        }
        coverage.set(phrase, matchedWeight / phrase.totalWeight);
        wordShare.set(phrase, found / phrase.stems.length);
      }
    }

    // Per category: each present stem counts once, through its best phrase.
    const scores = new Map<IndexedCategory, { score: number; matched: Map<IndexedPhrase, number> }>();
    const best = new Map<IndexedCategory, IndexedPhrase>();
    for (const [stem, credit] of present) {
      best.clear();
      for (const phrase of byStem.get(stem)!) {
        const current = best.get(phrase.entry);
        if (!current || coverage.get(phrase)! > coverage.get(current)!) best.set(phrase.entry, phrase);
      }
      for (const [entry, phrase] of best) {
        const contribution = credit * weight.get(stem)! * coverage.get(phrase)!;
        const score = scores.get(entry) ?? { score: 0, matched: new Map() };
        score.score += contribution;
        score.matched.set(phrase, (score.matched.get(phrase) ?? 0) + contribution);
        scores.set(entry, score);
      }
    }

    return [...scores]
      .map(([entry, { score, matched }]) => ({
        sectorCode: entry.sectorCode,
        categoryCode: entry.code,
        score,
        matched: [...matched].sort((a, b) => b[1] - a[1]).map(([phrase]) => phrase.text),
        evidence: [...matched.keys()].reduce((sum, phrase) => sum + coverage.get(phrase)! * wordShare.get(phrase)! ** 2, 0),
      }))
      .sort((a, b) => b.score - a.score || a.categoryCode.localeCompare(b.categoryCode));
  }

  let lastText: AnalysedText | null = null;
  let lastRanked: CategoryScore[] = [];

  return {
    classify(text, options = {}) {
      let all: CategoryScore[];
      if (text instanceof AnalysedText) {
        if (text !== lastText) {
          lastRanked = rank(text.topicTerms(acronyms));
          lastText = text;
        }
        all = lastRanked;
      } else {
        all = rank(topicStems(text, acronyms));
      }
      const sector = options.sectorCode;
      const ranked = sector ? all.filter((category) => category.sectorCode === sector) : all;

      const sectorTotals = new Map<string, number>();
      for (const category of ranked) sectorTotals.set(category.sectorCode, (sectorTotals.get(category.sectorCode) ?? 0) + category.score);
      const sectors = [...sectorTotals]
        .map(([sectorCode, score]) => ({ sectorCode, score }))
        .sort((a, b) => b.score - a.score || a.sectorCode.localeCompare(b.sectorCode));

      const top = sectors[0];
      if (!top) return { categories: [], sectors: [], sectorCode: null, categoryCode: null, confidence: 0, matched: [] };
      const best = ranked.find((category) => category.sectorCode === top.sectorCode)!;
      const runnerUp = sectors[1]?.score ?? 0;
      const margin = (top.score - runnerUp) / top.score;
      const strength = 1 - Math.exp(-best.evidence / EVIDENCE_SCALE);
      return {
        categories: ranked,
        sectors,
        sectorCode: top.sectorCode,
        categoryCode: best.categoryCode,
        confidence: round(margin * strength),
        matched: best.matched,
      };
    },
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
