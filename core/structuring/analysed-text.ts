import { stemRussian, tokenizeRussian, type Token } from './russian-text.js';
import { termsOfTokens } from './topic-terms.js';

/** Longest prefix of a text that is read by the learned classifier: a 20-page letter is classified by its first pages. */
export const FEATURE_TEXT_LIMIT = 4000;

const NO_ACRONYMS: ReadonlySet<string> = new Set();

/**
 * One appeal text as every part of structuring reads it, worked out once per `structure()` call
 * instead of once per part (the place matcher, the keyword classifier, the model's features, the
 * little-text guard): its words (normalised tokens), their stems and its topic terms, each on
 * first use. The results are the same as each part tokenising and stemming the text itself.
 */
export class AnalysedText {
  readonly tokens: Token[];
  private stemList: string[] | undefined;
  private termsWith: ReadonlySet<string> | undefined;
  private terms: string[] | undefined;
  private plainTerms: { terms: string[]; starts: number[] } | undefined;
  private words: string[] | undefined;

  constructor(readonly text: string) {
    this.tokens = tokenizeRussian(text);
  }

  /** Snowball stems of the tokens, by token index. */
  get stems(): readonly string[] {
    if (!this.stemList) {
      const stems = new Array<string>(this.tokens.length);
      for (let i = 0; i < this.tokens.length; i++) stems[i] = stemRussian(this.tokens[i]!.text);
      this.stemList = stems;
    }
    return this.stemList;
  }

  /** `topicStems(text, acronyms)` (topic-terms.ts). */
  topicTerms(acronyms: ReadonlySet<string> = NO_ACRONYMS): string[] {
    if (acronyms === NO_ACRONYMS || acronyms.size === 0) return this.termsByToken.terms;
    if (this.termsWith !== acronyms || !this.terms) {
      this.terms = withAcronyms(this.tokens, this.termsByToken, acronyms);
      this.termsWith = acronyms;
    }
    return this.terms;
  }

  /** `topicTerms()` and where each token's terms start in them (`starts[tokens.length]` is their number). */
  get termsByToken(): { terms: string[]; starts: number[] } {
    if (!this.plainTerms) {
      const starts: number[] = [];
      const terms = termsOfTokens(this.text, this.tokens, NO_ACRONYMS, this.stems, starts);
      starts.push(terms.length);
      this.plainTerms = { terms, starts };
    }
    return this.plainTerms;
  }

  /** The words the learned classifier reads: those of the first FEATURE_TEXT_LIMIT characters, without numbers. */
  get featureWords(): readonly string[] {
    this.words ??= featureWords(this.tokens);
    return this.words;
  }
}

/**
 * `termsOfTokens(…, acronyms)` from the terms without: a token the keywords know as an acronym («фап») gets
 * `#word` before its own terms, unless it was written as one (then its first term is already `#…`; a stem
 * never starts with «#»).
 */
function withAcronyms(tokens: readonly Token[], plain: { terms: string[]; starts: number[] }, acronyms: ReadonlySet<string>): string[] {
  const { terms, starts } = plain;
  const result: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const from = starts[t]!;
    const to = starts[t + 1]!;
    const word = tokens[t]!.text;
    if (acronyms.has(word) && !(to > from && terms[from]!.startsWith('#'))) result.push(`#${word}`);
    for (let i = from; i < to; i++) result.push(terms[i]!);
  }
  return result;
}

/**
 * The words of `tokens` within the first FEATURE_TEXT_LIMIT characters (a word across the limit cut there),
 * numbers left out: the words of `tokenizeRussian(text.slice(0, FEATURE_TEXT_LIMIT))`, which lowercases each
 * character on its own, as the whole text's tokens.
 */
export function featureWords(tokens: readonly Token[]): string[] {
  const words: string[] = [];
  for (const token of tokens) {
    if (token.start >= FEATURE_TEXT_LIMIT) break;
    const word = token.end <= FEATURE_TEXT_LIMIT ? token.text : token.text.slice(0, FEATURE_TEXT_LIMIT - token.start);
    if (!isNumber(word)) words.push(word);
  }
  return words;
}

/** /^\d+$/ of a token (a token holds only [0-9a-zа-я]). */
function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return word.length > 0;
}
