import type { SectorPlugin } from '../plugin-api/index.js';
import type { MunicipalityReference } from '../entities/reference-types.js';
import { createKeywordClassifier, type Classification } from './keyword-classifier.js';
import { committedModel, type StructuringModel } from './linear-model.js';
import { createMunicipalityMatcher } from './municipality-matcher.js';
import type { Places } from './places.schema.js';
import { stemRussian } from './russian-text.js';
import { summarise } from './summary.js';
import { AnalysedText } from './analysed-text.js';

/** One proposal shown to the ЦУР specialist when the appeal waits for manual structuring. */
export interface StructuringSuggestion {
  sectorCode: string;
  categoryCode: string;
  /** Calibrated probability that this sector and category are right. */
  confidence: number;
}

/** What structuring found in an appeal's text (decree clause 5: "structuring and formalisation"). */
export interface StructuringResult {
  sectorCode: string | null;
  categoryCode: string | null;
  municipalityCode: string | null;
  summary: string | null;
  /** 0..1, the calibrated probability that the sector is right; below the configured threshold the appeal waits for a ЦУР specialist. */
  confidence: number;
  /** Which rule decided, for the audit trail. */
  rule: string;
  /** The three likeliest sector/category pairs, best first (empty when nothing was found). */
  suggestions?: StructuringSuggestion[];
}

export interface StructuringHints {
  /** A sector the channel already gave: the category is then sought within it only. */
  sectorCode?: string | null;
  /**
   * The channel gave the category: only the place and the summary are sought
   * (no category is proposed, and the model is not run: it is most of the
   * cost of structuring, and an intake with a category ignores its opinion).
   */
  categoryKnown?: boolean;
}

export interface AppealStructurer {
  structure(text: string, hints?: StructuringHints): StructuringResult;
}

/** Name of the keyword rule in the audit trail; bump when the scoring changes. */
export const KEYWORD_RULE = 'keywords-v1';
/** Name of the learned rule in the audit trail; bump with the model format. */
export const MODEL_RULE = 'model-v1';

/*
 * Two guards over the model's confidence, for texts unlike those it was calibrated on:
 * - a text of one or two topic words («Сломалось колесо») says too little to be sure of;
 * - an appeal whose keywords point to two sectors in near balance, one of which the model also
 *   gives a real chance («отключили свет, а в поликлинике нет врача»), is about two things:
 *   a specialist splits or routes it.
 * Either caps the confidence at GUARD_CAP, under any sensible threshold.
 */
const MIN_TOPIC_WORDS = 3;
/**
 * The formulas of any appeal («прошу разобраться и принять меры», «сколько можно», «жду ответа»)
 * name no topic: they do not count among the topic words of the little-text guard.
 */
const FORMULA_STEMS = new Set(
  ['разобраться', 'принять', 'меры', 'ответа', 'ответ', 'сколько', 'можно', 'срочно', 'обращаюсь', 'обращение', 'просьба', 'вопрос', 'решить', 'ситуацию'].map(
    stemRussian,
  ),
);
const MIXED_SECTORS_RATIO = 0.8;
const MIXED_MODEL_SHARE = 0.1;
const GUARD_CAP = 0.5;

export interface StructurerOptions {
  /** The region's gazetteer (villages, microdistricts, streets). */
  places?: Places;
  /** The learned model; the committed one by default, null for keywords alone. */
  model?: StructuringModel | null;
}

/**
 * Classifies free text by a learned model over the text and the enabled plugins' keywords
 * (core/structuring/linear-model.ts), finds the municipality by its names, settlements and
 * streets, and keeps a short summary. `rule` names the rules and evidence that decided, e.g.
 * `model-v1 housing.heating (0.97); keywords-v1 housing.heating: батарея; place: «в Волжске»`.
 * Without a model, or when a plugin has categories the model has never seen (it predates the
 * plugin), the keywords decide alone, as before the model.
 */
export function createStructurer(
  plugins: readonly SectorPlugin[],
  municipalities: readonly MunicipalityReference[],
  options: StructurerOptions = {},
): AppealStructurer {
  const matcher = createMunicipalityMatcher([...municipalities], options.places);
  const classifier = createKeywordClassifier(plugins.flatMap((plugin) => plugin.categories.map((category) => ({ sectorCode: plugin.code, category }))));
  const enabledSectors = new Set(plugins.map((plugin) => plugin.code));
  /** The one-sector sets a hint allows, made once (the model keeps what each set allows). */
  const hintedSectors = new Map([...enabledSectors].map((code) => [code, new Set([code])]));
  const enabledCategories = new Set(plugins.flatMap((plugin) => plugin.categories.map((category) => category.code)));
  const candidate = options.model === undefined ? committedModel() : options.model;
  const model = candidate && [...enabledCategories].every((code) => candidate.categories.includes(code)) ? candidate : null;

  const keywordPart = (found: Classification) =>
    found.categoryCode ? `${KEYWORD_RULE} ${found.categoryCode}: ${found.matched.slice(0, 3).join(', ')}` : `${KEYWORD_RULE}: no keywords`;

  return {
    structure(text, hints = {}) {
      // Tokenised and stemmed once for the matcher, the keywords, the model and the guard.
      const analysed = new AnalysedText(text);
      const place = matcher.match(analysed);
      const placePart = place ? `place: «${place.matched}»` : null;
      const hinted = hints.sectorCode ?? null;
      // The model reads the keywords' unrestricted opinion, as in training: scored first for every sector,
      // the hinted sector's classification then filters the same scores.
      const everySector = model && !hints.categoryKnown ? classifier.classify(analysed) : null;
      const keywords = everySector && !hinted ? everySector : classifier.classify(analysed, { sectorCode: hinted });
      const base = { municipalityCode: place?.code ?? null, summary: summarise(analysed, keywords.matched) };
      // What the keywords and the place decided, for the audit trail (the model's part goes before it).
      const keywordRule = [keywordPart(keywords), placePart].filter(Boolean).join('; ');
      if (hints.categoryKnown) {
        return {
          ...base,
          sectorCode: hinted,
          categoryCode: null,
          confidence: 0,
          rule: keywordRule,
          suggestions: [],
        };
      }
      if (!model) {
        return {
          ...base,
          sectorCode: keywords.sectorCode,
          categoryCode: keywords.categoryCode,
          confidence: keywords.confidence,
          rule: keywordRule,
          suggestions: [],
        };
      }

      const unrestricted = everySector ?? classifier.classify(analysed);
      // read(addKeywordFeatures(textFeatures(text), unrestricted)), each word's features looked up once.
      const features = model.readText(analysed.featureWords, unrestricted);
      const allowedSectors = hinted && enabledSectors.has(hinted) ? hintedSectors.get(hinted)! : enabledSectors;
      const sectors = model.rankSectors(features, allowedSectors, unrestricted);
      // Categories of the likely sectors only: a sector under 2% cannot make the top three.
      const likely = sectors
        .slice(0, 3)
        .filter((sector, i) => i === 0 || sector.probability >= 0.02)
        .map((sector) => ({ sector, categories: model.rankCategories(sector.code, features, enabledCategories) }));
      const suggestions = likely
        .flatMap(({ sector, categories }) =>
          categories.slice(0, 3).map((category) => ({
            sectorCode: sector.code,
            categoryCode: category.code,
            confidence: round(sector.probability * category.probability),
          })),
        )
        .sort((a, b) => b.confidence - a.confidence)
        .slice(0, 3);
      const top = sectors[0];
      const best = likely[0]?.categories[0];

      // No keyword at all and a model unsure of itself: nothing in the text to structure by.
      if (!top || !best || (!keywords.sectorCode && top.probability < model.threshold)) {
        return {
          ...base,
          sectorCode: null,
          categoryCode: null,
          confidence: 0,
          rule: keywordRule,
          suggestions,
        };
      }
      // With the sector given by the channel, the confidence is the category model's.
      let confidence = round(allowedSectors.size === 1 && hinted ? best.probability : top.probability);
      const [first, second] = unrestricted.sectors;
      const runnerUp = sectors[1];
      // Mixed: the keywords' two sectors in near balance, and the model itself gives the other one a real chance.
      const mixed =
        !hinted &&
        first &&
        second &&
        runnerUp &&
        second.score >= MIXED_SECTORS_RATIO * first.score &&
        runnerUp.probability >= MIXED_MODEL_SHARE &&
        [first.sectorCode, second.sectorCode].includes(runnerUp.code);
      const guard = topicWordCount(analysed.topicTerms()) < MIN_TOPIC_WORDS ? 'little text' : mixed ? `mixed: ${first.sectorCode}, ${second.sectorCode}` : null;
      if (guard) confidence = Math.min(confidence, GUARD_CAP);
      return {
        ...base,
        sectorCode: top.code,
        categoryCode: best.code,
        confidence,
        rule: `${MODEL_RULE} ${best.code} (${confidence}${guard ? `, capped: ${guard}` : ''}); ${keywordRule}`,
        suggestions,
      };
    },
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Distinct topic terms that are no formula. */
function topicWordCount(terms: readonly string[]): number {
  const distinct = new Set<string>();
  for (const term of terms) if (!FORMULA_STEMS.has(term)) distinct.add(term);
  return distinct.size;
}
