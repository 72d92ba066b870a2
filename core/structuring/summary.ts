import { topicStems } from './topic-terms.js';

/** Longest summary kept, in characters: a line in a list, not a second copy of the text. */
export const SUMMARY_MAX_LENGTH = 200;

/**
 * The formalised essence of an appeal (decree clause 5): the sentence that
 * holds most of the evidence the classifier used (else the first one),
 * with whitespace collapsed, cut at a word boundary.
 */
export function summarise(text: string, evidence: readonly string[] = []): string | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const sentences = clean
    .split(/(?<=[.!?…])\s+|\s*[\n;]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const wanted = new Set<string>();
  for (const phrase of evidence) for (const stem of phraseStems(phrase)) wanted.add(stem);
  let best = sentences[0] ?? clean;
  if (wanted.size === 0) return cut(best, SUMMARY_MAX_LENGTH);
  let bestHits = 0;
  for (const sentence of sentences) {
    const hits = new Set(topicStems(sentence).filter((stem) => wanted.has(stem))).size;
    if (hits > bestHits) {
      best = sentence;
      bestHits = hits;
    }
  }
  return cut(best, SUMMARY_MAX_LENGTH);
}

/** Evidence phrases are the plugins' keyword phrases, few and repeated: their stems are kept (bounded all the same). */
const phraseCache = new Map<string, string[]>();
const PHRASE_CACHE_LIMIT = 10_000;
function phraseStems(phrase: string): string[] {
  let stems = phraseCache.get(phrase);
  if (!stems) {
    stems = topicStems(phrase);
    if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.clear();
    phraseCache.set(phrase, stems);
  }
  return stems;
}

function cut(sentence: string, max: number): string {
  if (sentence.length <= max) return sentence;
  const head = sentence.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:—-]+$/, '')}…`;
}
