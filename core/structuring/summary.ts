import type { AnalysedText } from './analysed-text.js';
import { topicStems } from './topic-terms.js';

/** Longest summary kept, in characters: a line in a list, not a second copy of the text. */
export const SUMMARY_MAX_LENGTH = 200;

/** Where the text breaks into sentences (after its whitespace is collapsed, so a line break is none). */
const SENTENCE_BREAK = /(?<=[.!?…])\s+|\s*[\n;]\s*/;
/**
 * The same breaks found in the text before its whitespace is collapsed: a whitespace run there is one space
 * after, and the line break of SENTENCE_BREAK is never met after the collapse.
 */
const TEXT_BREAKS = /(?<=[.!?…])\s+|\s*;\s*/g;
const NOT_SPACE = /\S/g;

/**
 * The formalised essence of an appeal (decree clause 5): the sentence that
 * holds most of the evidence the classifier used (else the first one),
 * with whitespace collapsed, cut at a word boundary. With an AnalysedText, the
 * sentences are found in the text itself and their topic terms are the text's own.
 */
export function summarise(text: string | AnalysedText, evidence: readonly string[] = []): string | null {
  const wanted = new Set<string>();
  for (const phrase of evidence) for (const stem of phraseStems(phrase)) wanted.add(stem);
  if (typeof text !== 'string') {
    const best = bestSentence(text, wanted);
    if (best !== null) return cut(best, SUMMARY_MAX_LENGTH);
    text = text.text;
  }
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
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
 * The choice above over the sentences of the text itself (the same sentences, whitespace not yet
 * collapsed), each sentence's topic terms those of its words among the text's; null when the text
 * has no sentence (the choice above decides).
 */
function bestSentence(analysed: AnalysedText, wanted: ReadonlySet<string>): string | null {
  const { text, tokens } = analysed;
  const { terms, starts } = analysed.termsByToken;
  /** The best sentence's span in the text (start -1: none yet). */
  const best = { start: -1, end: -1 };
  let bestHits = 0;
  let token = 0;
  let from = 0;
  const found = new Set<string>();
  const sentence = (to: number) => {
    const first = token;
    while (token < tokens.length && tokens[token]!.start < to) token++;
    NOT_SPACE.lastIndex = from;
    const letter = NOT_SPACE.exec(text);
    if (!letter || letter.index >= to) return;
    if (best.start < 0) [best.start, best.end] = [from, to];
    if (wanted.size === 0) return;
    found.clear();
    for (let t = starts[first]!; t < starts[token]!; t++) if (wanted.has(terms[t]!)) found.add(terms[t]!);
    if (found.size > bestHits) {
      [best.start, best.end] = [from, to];
      bestHits = found.size;
    }
  };
  for (const breaking of text.matchAll(TEXT_BREAKS)) {
    sentence(breaking.index);
    from = breaking.index + breaking[0].length;
  }
  sentence(text.length);
  if (best.start < 0) return null;
  return text.slice(best.start, best.end).replace(/\s+/g, ' ').trim();
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
