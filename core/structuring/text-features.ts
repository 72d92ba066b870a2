import type { Classification } from './keyword-classifier.js';
import { FEATURE_TEXT_LIMIT, featureWords } from './analysed-text.js';
import { stemRussian, tokenizeRussian } from './russian-text.js';

/*
 * Features of an appeal text for the learned classifier.
 *
 * - `w:` Snowball stems of the words: «батареи», «батарея» meet.
 * - `b:` pairs of neighbouring stems: «нет света» is not «нет» and «свет».
 * - `c:` character 3- to 5-grams inside each word, with word boundaries (`<бат`, `рея>`):
 *   residents' typos («батореи», «атопление», «кантейнер») keep most of their n-grams,
 *   and unknown inflections and slang («холодрыга», «мусорка») share them with known words.
 * - `k:` / `s:` what the plugins' keywords say: the keyword classifier's category and sector
 *   scores relative to the best one (the best is 1). The plugins keep owning their
 *   categories: a keyword phrase a plugin adds weighs in even before the model is retrained.
 *
 * Text features are binary and scaled to unit length, so that a long letter and a short
 * comment with the same words weigh the same; the keyword features keep their 0..1 values.
 */

export { FEATURE_TEXT_LIMIT };
const NGRAM_MIN = 3;
const NGRAM_MAX = 5;
/** Keyword categories (and sectors) passed on to the model, best first. */
export const KEYWORD_TOP = 5;

export type FeatureVector = Map<string, number>;

export function textFeatures(text: string): FeatureVector {
  const words = featureWords(tokenizeRussian(text.slice(0, FEATURE_TEXT_LIMIT)));
  const names = new Set<string>();
  let previous: string | null = null;
  for (const word of words) {
    const stem = stemRussian(word);
    names.add(`w:${stem}`);
    if (previous) names.add(bigramName(previous, stem));
    previous = stem;
    for (const gram of wordGrams(word)) names.add(gram);
  }
  const features: FeatureVector = new Map();
  const value = names.size ? 1 / Math.sqrt(names.size) : 0;
  for (const name of names) features.set(name, value);
  return features;
}

export const bigramName = (previous: string, stem: string) => `b:${previous}_${stem}`;

/** The `c:` features of one word, in order (3-grams, then 4-, then 5-grams, each left to right). */
export function wordGrams(word: string): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let n = NGRAM_MIN; n <= NGRAM_MAX; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(`c:${padded.slice(i, i + n)}`);
  }
  return grams;
}

/** Adds the keyword classifier's opinion to the text features (see above). */
export function addKeywordFeatures(features: FeatureVector, keywords: Classification): FeatureVector {
  const topCategory = keywords.categories[0]?.score ?? 0;
  if (topCategory > 0) {
    for (const category of keywords.categories.slice(0, KEYWORD_TOP)) features.set(`k:${category.categoryCode}`, category.score / topCategory);
  }
  const topSector = keywords.sectors[0]?.score ?? 0;
  if (topSector > 0) {
    for (const sector of keywords.sectors.slice(0, KEYWORD_TOP)) features.set(`s:${sector.sectorCode}`, sector.score / topSector);
  }
  return features;
}
