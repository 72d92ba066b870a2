import type { CategoryDefinition } from '../plugin-api/index.js';
import { keywordTerms } from './topic-terms.js';

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

/**
 * The categories a text's keywords scored, best first: all of them, or those of one sector (the
 * same scores: a sector only filters them). Each category's score is made once, on first use.
 */
export interface Ranking {
  /** The one sector it was scored for (null: all). */
  sector: string | null;
  categories(sectorCode?: string | null): CategoryScore[];
}

/** Shortest stem that may match a longer one by prefix. */
const PREFIX_MIN = 5;
/** Weight of a prefix match against an exact one. */
const PREFIX_CREDIT = 0.6;
/** Text stems whose keyword matches are kept (they depend on the stem alone); past this the cache starts afresh. */
const LOOKUP_CACHE_LIMIT = 50_000;
/** Longer text stems are looked up afresh each time, never kept (a made-up 20,000-letter word must not stay in memory). */
const CACHED_STEM_MAX_LENGTH = 64;

interface Phrase {
  entry: number;
  text: string;
  /** Keyword stem ids. */
  stems: Int32Array;
  totalWeight: number;
}

/** The phrases of one keyword stem, by category in the order the categories first occur among them. */
type StemGroups = { entry: number; phrases: number[] }[];

/**
 * The scoring of keyword-classifier.ts over numbered stems, phrases and categories (typed arrays
 * stamped per text instead of maps per text); `rank` is the classifier's unrestricted ranking,
 * the same sums in the same order (see the rules there).
 */
export function createKeywordScorer(categories: readonly ClassifierCategory[]) {
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
  const weightOf = new Map([...categoriesOf].map(([stem, owners]) => [stem, Math.log(1 + total / owners.size) ** 2]));

  // stem -> phrases containing it, stems numbered in the order they first occur.
  const stemIds = new Map<string, number>();
  const byStem: number[][] = [];
  const phrases: Phrase[] = [];
  categories.forEach(({ category }, entry) => {
    category.keywords.forEach((keyword, k) => {
      const stems = phraseStems[entry]![k]!;
      if (stems.length === 0) return;
      const ids = stems.map((stem) => {
        let id = stemIds.get(stem);
        if (id === undefined) {
          stemIds.set(stem, (id = stemIds.size));
          byStem.push([]);
        }
        return id;
      });
      for (const id of ids) byStem[id]!.push(phrases.length);
      phrases.push({ entry, text: keyword, stems: Int32Array.from(ids), totalWeight: stems.reduce((sum, s) => sum + weightOf.get(s)!, 0) });
    });
  });
  const stemNames = [...stemIds.keys()];
  const weight = Float64Array.from(stemNames, (stem) => weightOf.get(stem)!);
  const groups: StemGroups[] = byStem.map((list) => {
    const byEntry = new Map<number, number[]>();
    for (const p of list) byEntry.set(phrases[p]!.entry, [...(byEntry.get(phrases[p]!.entry) ?? []), p]);
    return [...byEntry].map(([entry, ids]) => ({ entry, phrases: ids }));
  });
  const acronyms: ReadonlySet<string> = new Set(stemNames.filter((stem) => stem.startsWith('#')).map((stem) => stem.slice(1)));
  // Sorted, so that the keyword stems starting with a text stem are one binary search away.
  const sorted = stemNames.filter((stem) => !stem.startsWith('#')).sort();
  // Ties of score go by the category code's localeCompare order: its rank among the codes, compared once here.
  const codes = categories.map(({ category }) => category.code);
  const sectorOf = categories.map(({ sectorCode }) => sectorCode);
  const byCode = [...codes].sort((a, b) => a.localeCompare(b));
  const codeRank = codes.map((code) => byCode.findIndex((other) => other.localeCompare(code) === 0));

  /** Keyword stems (ids) a text stem stands for, with the credit of each match. */
  function lookup(textStem: string): [number, number][] {
    const exact = stemIds.get(textStem);
    const found: [number, number][] = exact !== undefined ? [[exact, 1]] : [];
    if (textStem.startsWith('#') || textStem.length < PREFIX_MIN) return found;
    // Keyword stems that are a prefix of the text stem («батар» for «батаре»)...
    for (let length = PREFIX_MIN; length < textStem.length; length++) {
      const prefix = stemIds.get(textStem.slice(0, length));
      if (prefix !== undefined) found.push([prefix, PREFIX_CREDIT]);
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
      if (sorted[i] !== textStem) found.push([stemIds.get(sorted[i]!)!, PREFIX_CREDIT]);
    }
    return found;
  }
  /** `lookup` of each text stem seen (it depends on the stem alone), with the text that last used it. */
  const looked = new Map<string, { matches: [number, number][]; text: number }>();

  // Per-text state, valid where its stamp is the current text's.
  let text = 0;
  const stemSeen = new Uint32Array(stemNames.length);
  const credit = new Float64Array(stemNames.length);
  const phraseSeen = new Uint32Array(phrases.length);
  const coverage = new Float64Array(phrases.length);
  const wordShare = new Float64Array(phrases.length);
  const entrySeen = new Uint32Array(categories.length);
  const score = new Float64Array(categories.length);
  const matched: { phrase: number; contribution: number }[][] = categories.map(() => []);

  /**
   * `sector`: only that sector's categories are wanted (a phrase's coverage depends on the text alone,
   * so theirs are the same numbers; the other sectors' phrases are not scored at all).
   */
  function rank(terms: readonly string[], sector: string | null = null): Ranking {
    if (++text === 0xffffffff) {
      for (const seen of [stemSeen, phraseSeen, entrySeen]) seen.fill(0);
      looked.clear();
      text = 1;
    }
    // Credit of each keyword stem present in the text (best match), in the order first found.
    const present: number[] = [];
    for (const textStem of terms) {
      let found = looked.get(textStem);
      if (!found) {
        found = { matches: lookup(textStem), text: 0 };
        // A keyword's credit counts once per text (stemSeen below), so a stem not kept only costs its lookup again.
        if (textStem.length <= CACHED_STEM_MAX_LENGTH) {
          if (looked.size >= LOOKUP_CACHE_LIMIT) looked.clear();
          looked.set(textStem, found);
        }
      }
      // Each distinct text stem once.
      if (found.text === text) continue;
      found.text = text;
      const matches = found.matches;
      for (let m = 0; m < matches.length; m++) {
        const [stem, value] = matches[m]!;
        if (stemSeen[stem] !== text) {
          stemSeen[stem] = text;
          credit[stem] = Math.max(0, value);
          present.push(stem);
        } else credit[stem] = Math.max(credit[stem]!, value);
      }
    }

    // Coverage of each phrase that has at least one stem in the text.
    for (let i = 0; i < present.length; i++) {
      const withStem = byStem[present[i]!]!;
      for (let j = 0; j < withStem.length; j++) {
        const p = withStem[j]!;
        if (phraseSeen[p] === text || (sector && sectorOf[phrases[p]!.entry] !== sector)) continue;
        phraseSeen[p] = text;
        const phrase = phrases[p]!;
        let matchedWeight = 0;
        let found = 0;
        const stems = phrase.stems;
        for (let k = 0; k < stems.length; k++) {
          const s = stems[k]!;
          const here = stemSeen[s] === text;
          matchedWeight += (here ? credit[s]! : 0) * weight[s]!;
          if (here) found++;
        }
        coverage[p] = matchedWeight / phrase.totalWeight;
        wordShare[p] = found / phrase.stems.length;
      }
    }

    // Per category: each present stem counts once, through its best phrase (the first of the highest coverage).
    const scored: number[] = [];
    for (let i = 0; i < present.length; i++) {
      const stem = present[i]!;
      const byEntry = groups[stem]!;
      for (let j = 0; j < byEntry.length; j++) {
        const { entry, phrases: candidates } = byEntry[j]!;
        if (sector && sectorOf[entry] !== sector) continue;
        let best = candidates[0]!;
        for (let i = 1; i < candidates.length; i++) if (coverage[candidates[i]!]! > coverage[best]!) best = candidates[i]!;
        const contribution = credit[stem]! * weight[stem]! * coverage[best]!;
        if (entrySeen[entry] !== text) {
          entrySeen[entry] = text;
          score[entry] = 0;
          matched[entry] = [];
          scored.push(entry);
        }
        score[entry]! += contribution;
        const list = matched[entry]!;
        let same = 0;
        while (same < list.length && list[same]!.phrase !== best) same++;
        if (same < list.length) list[same]!.contribution = list[same]!.contribution + contribution;
        else list.push({ phrase: best, contribution: 0 + contribution });
      }
    }

    // Best first: by score, ties by the category code (sorting the categories' numbers, then making their scores, keeps the order).
    scored.sort((a, b) => score[b]! - score[a]! || codeRank[a]! - codeRank[b]!);
    const found = scored.map((entry) => {
      const list = matched[entry]!;
      let evidence = 0;
      for (const item of list) evidence = evidence + coverage[item.phrase]! * wordShare[item.phrase]! ** 2;
      return { entry, score: score[entry]!, evidence, list, made: undefined as CategoryScore | undefined };
    });
    const make = (item: (typeof found)[number]): CategoryScore =>
      (item.made ??= {
        sectorCode: categories[item.entry]!.sectorCode,
        categoryCode: codes[item.entry]!,
        score: item.score,
        matched:
          item.list.length === 1
            ? [phrases[item.list[0]!.phrase]!.text]
            : [...item.list].sort((a, b) => b.contribution - a.contribution).map(({ phrase }) => phrases[phrase]!.text),
        evidence: item.evidence,
      });
    let all: CategoryScore[] | undefined;
    return {
      sector,
      categories(sectorCode) {
        if (sector && sectorCode !== sector) throw new Error(`keyword ranking of ${sector} asked for ${sectorCode ?? 'every sector'}`);
        if (!sectorCode) return (all ??= found.map(make));
        return found.filter((item) => categories[item.entry]!.sectorCode === sectorCode).map(make);
      },
    };
  }

  return { acronyms, rank };
}
