import type { AnalysedText } from './analysed-text.js';
import { countWords } from './russian-text.js';
import { topicStems } from './topic-terms.js';

/** Longest summary kept, in characters: a line in a list, not a second copy of the text. */
export const SUMMARY_MAX_LENGTH = 200;

/** Where the text breaks into sentences (after its whitespace is collapsed). */
const SENTENCE_BREAK = /(?<=[.!?…])\s+|\s*[\n;]\s*/;
const SENTENCE_BREAKS = new RegExp(SENTENCE_BREAK.source, 'g');

/**
 * The formalised essence of an appeal (decree clause 5): the sentence that
 * holds most of the evidence the classifier used (else the first one),
 * with whitespace collapsed, cut at a word boundary. With an AnalysedText, the
 * sentences' topic terms are the text's own (its words are the sentences' words, in order).
 */
export function summarise(text: string | AnalysedText, evidence: readonly string[] = []): string | null {
  const analysed = typeof text === 'string' ? null : text;
  const clean = (analysed ? analysed.text : (text as string)).replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const wanted = new Set<string>();
  for (const phrase of evidence) for (const stem of phraseStems(phrase)) wanted.add(stem);
  if (analysed && wanted.size > 0) {
    const best = bestSentence(clean, analysed, wanted);
    if (best !== null) return cut(best, SUMMARY_MAX_LENGTH);
  }
  const sentences = clean
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);
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

/**
 * The loop above over the sentences of `clean` (split as `split` does), each sentence's topic terms
 * taken from the analysed text's terms by its words' positions; null if the words did not line up
 * (then the sentences are read one by one).
 */
function bestSentence(clean: string, analysed: AnalysedText, wanted: ReadonlySet<string>): string | null {
  const { terms, starts } = analysed.termsByToken;
  let best: string | undefined;
  let bestHits = 0;
  let token = 0;
  let from = 0;
  const hitsIn = (first: number, end: number) => {
    const found = new Set<string>();
    for (let t = starts[first]!; t < starts[end]!; t++) if (wanted.has(terms[t]!)) found.add(terms[t]!);
    return found.size;
  };
  const sentence = (to: number) => {
    const raw = clean.slice(from, to);
    const words = countWords(raw);
    const trimmed = raw.trim();
    if (trimmed && token + words <= analysed.tokens.length) {
      best ??= trimmed;
      const hits = hitsIn(token, token + words);
      if (hits > bestHits) {
        best = trimmed;
        bestHits = hits;
      }
    }
    token += words;
  };
  for (const found of clean.matchAll(SENTENCE_BREAKS)) {
    sentence(found.index);
    from = found.index + found[0].length;
  }
  sentence(clean.length);
  return token === analysed.tokens.length && best !== undefined ? best : null;
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
