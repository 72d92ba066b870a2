import { AnalysedText } from './analysed-text.js';
import { createKeywordScorer, type CategoryScore, type ClassifierCategory, type Ranking } from './keyword-scoring.js';
import { topicStems } from './topic-terms.js';

export type { CategoryScore, ClassifierCategory };

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
   * last text classified are kept: classifying it again (any sector after none, or the same sector) only
   * ranks them; ask for every sector first when both will be wanted.
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

/** Evidence (in whole phrases) at which the strength reaches 1 − 1/e. */
const EVIDENCE_SCALE = 0.5;
export function createKeywordClassifier(categories: readonly ClassifierCategory[]): KeywordClassifier {
  const { acronyms, rank } = createKeywordScorer(categories);

  let lastText: AnalysedText | null = null;
  let lastRanking: Ranking | null = null;

  return {
    classify(text, options = {}) {
      const sector = options.sectorCode || null;
      let ranking: Ranking;
      if (text instanceof AnalysedText) {
        // A ranking of every sector serves any sector; one of a sector, that sector only.
        if (text !== lastText || !lastRanking || (lastRanking.sector && lastRanking.sector !== sector)) {
          lastRanking = rank(text.topicTerms(acronyms), sector);
          lastText = text;
        }
        ranking = lastRanking;
      } else {
        ranking = rank(topicStems(text, acronyms), sector);
      }
      const ranked = ranking.categories(sector);

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
