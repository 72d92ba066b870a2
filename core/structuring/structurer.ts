import type { SectorPlugin } from '../plugin-api/index.js';
import type { MunicipalityReference } from '../reference/reference-types.js';
import { createKeywordClassifier } from './keyword-classifier.js';
import { createMunicipalityMatcher } from './municipality-matcher.js';
import { summarise } from './summary.js';

/** What structuring found in an appeal's text (decree clause 5: "structuring and formalisation"). */
export interface StructuringResult {
  sectorCode: string | null;
  categoryCode: string | null;
  municipalityCode: string | null;
  summary: string | null;
  /** 0..1; below the configured threshold the appeal waits for a ЦУР specialist. */
  confidence: number;
  /** Which rule decided, for the audit trail. */
  rule: string;
}

export interface StructuringHints {
  /** A sector the channel already gave: the category is then sought within it only. */
  sectorCode?: string | null;
}

export interface AppealStructurer {
  structure(text: string, hints?: StructuringHints): StructuringResult;
}

/** Name of the classification rule in the audit trail; bump when the scoring changes. */
export const KEYWORD_RULE = 'keywords-v1';

/**
 * Classifies free text by the enabled plugins' category keywords, finds the
 * municipality by its names and settlements, and keeps a short summary.
 * `rule` names the rule and the phrases that decided, e.g.
 * `keywords-v1 housing.heating: батарея, холодно в квартире; place: «в Волжске»`.
 */
export function createStructurer(plugins: readonly SectorPlugin[], municipalities: readonly MunicipalityReference[]): AppealStructurer {
  const matcher = createMunicipalityMatcher([...municipalities]);
  const classifier = createKeywordClassifier(
    plugins.flatMap((plugin) => plugin.categories.map((category) => ({ sectorCode: plugin.code, category }))),
  );
  return {
    structure(text, hints = {}) {
      const place = matcher.match(text);
      const found = classifier.classify(text, { sectorCode: hints.sectorCode ?? null });
      const parts = [
        found.categoryCode ? `${KEYWORD_RULE} ${found.categoryCode}: ${found.matched.slice(0, 3).join(', ')}` : `${KEYWORD_RULE}: no keywords`,
        place ? `place: «${place.matched}»` : null,
      ];
      return {
        sectorCode: found.sectorCode,
        categoryCode: found.categoryCode,
        municipalityCode: place?.code ?? null,
        summary: summarise(text, found.matched),
        confidence: found.confidence,
        rule: parts.filter(Boolean).join('; '),
      };
    },
  };
}
