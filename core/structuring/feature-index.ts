import type { Classification } from './keyword-classifier.js';
import { stemRussian } from './russian-text.js';
import { bigramName, KEYWORD_TOP, wordGrams, type FeatureVector } from './text-features.js';

/** A text's features as a model file's feature ids (only those its models know) and their values: looked up once for all its models. */
export interface ReadFeatures {
  ids: Int32Array;
  values: Float64Array;
}

/** The feature names of a model file's linear models, numbered once for all of them. */
export class FeatureIndex {
  private readonly ids = new Map<string, number>();
  get size(): number {
    return this.ids.size;
  }
  add(feature: string): number {
    let id = this.ids.get(feature);
    if (id === undefined) this.ids.set(feature, (id = this.ids.size));
    return id;
  }
  /** The feature's id, -1 when no model knows it. */
  id(feature: string): number {
    return this.ids.get(feature) ?? -1;
  }
  read(features: FeatureVector): ReadFeatures {
    const ids: number[] = [];
    const values: number[] = [];
    for (const [feature, value] of features) {
      const id = this.ids.get(feature);
      if (id === undefined) continue;
      ids.push(id);
      values.push(value);
    }
    return { ids: Int32Array.from(ids), values: Float64Array.from(values) };
  }
}

/**
 * What one word gives the features, looked up once: its stem and its `w:` and `c:` features as codes,
 * a feature id (≥ 0) or, for a feature no model knows, `-2 - n` where n numbers the unknown feature
 * names (they only count towards the number of distinct features).
 */
interface WordFeatures {
  stem: string;
  stemCode: number;
  gramCodes: Int32Array;
  /** The code of this word's `b:` feature after a previous stem. */
  after: Map<string, number>;
}

/** Words whose features are kept; past this (or past UNKNOWN_LIMIT unknown names) the cache starts afresh rather than grow for ever. */
const WORD_CACHE_LIMIT = 10_000;
const UNKNOWN_LIMIT = 100_000;
/**
 * Longer words are read afresh each time, never kept: a word's entry holds
 * ~3 sub-word features a letter, so a cap on the count of words alone would
 * let long made-up words (a text may hold one of 4,000 letters) fill memory.
 */
const CACHED_WORD_MAX_LENGTH = 64;
/** Previous stems whose bigram with a word is kept, per word. */
const BIGRAM_CACHE_LIMIT = 256;

/**
 * `index.read(addKeywordFeatures(textFeatures(text), keywords))` (text-features.ts) from a text's
 * feature words, without building the feature names of every text: each word's features are looked
 * up once and kept. The same ids in the same order with the same values, so the models' sums are
 * the same to the last bit: a feature counts at its first occurrence, every distinct feature
 * (known to the models or not) counts in the text features' unit length.
 */
export class TextFeatureReader {
  private readonly words = new Map<string, WordFeatures>();
  private readonly unknownNames = new Map<string, number>();
  /** Ids of the `k:` and `s:` features by category and sector code. */
  private readonly categoryIds = new Map<string, number>();
  private readonly sectorIds = new Map<string, number>();
  /** Feature id (unknown feature number) → the call that last took it: distinct features without a Set of names. */
  private readonly seen: Uint32Array;
  private unknownSeen = new Uint32Array(1024);
  private call = 0;
  private unknown = 0;
  private ids = new Int32Array(1024);
  private count = 0;

  constructor(private readonly index: FeatureIndex) {
    this.seen = new Uint32Array(index.size);
  }

  read(words: readonly string[], keywords: Classification): ReadFeatures {
    // Started afresh between texts only: the unknown numbers of a text must stay the same while it is read.
    if (this.words.size >= WORD_CACHE_LIMIT || this.unknownNames.size >= UNKNOWN_LIMIT) {
      this.words.clear();
      this.unknownNames.clear();
    }
    if (++this.call === 0xffffffff) {
      this.seen.fill(0);
      this.unknownSeen.fill(0);
      this.call = 1;
    }
    this.count = 0;
    this.unknown = 0;
    let previous: string | null = null;
    for (const word of words) {
      const features = this.wordFeatures(word);
      this.take(features.stemCode);
      if (previous) {
        let bigram = features.after.get(previous);
        if (bigram === undefined) {
          bigram = this.code(bigramName(previous, features.stem));
          if (features.after.size >= BIGRAM_CACHE_LIMIT) features.after.clear();
          features.after.set(previous, bigram);
        }
        this.take(bigram);
      }
      previous = features.stem;
      const codes = features.gramCodes;
      for (let g = 0; g < codes.length; g++) this.take(codes[g]!);
    }
    const textCount = this.count;
    const distinct = textCount + this.unknown;
    const value = distinct ? 1 / Math.sqrt(distinct) : 0;
    const extra: number[] = [];
    const topCategory = keywords.categories[0]?.score ?? 0;
    if (topCategory > 0) {
      for (const category of keywords.categories.slice(0, KEYWORD_TOP)) this.keyword('k:', category.categoryCode, category.score / topCategory, extra);
    }
    const topSector = keywords.sectors[0]?.score ?? 0;
    if (topSector > 0) {
      for (const sector of keywords.sectors.slice(0, KEYWORD_TOP)) this.keyword('s:', sector.sectorCode, sector.score / topSector, extra);
    }
    const ids = this.ids.slice(0, this.count);
    const values = new Float64Array(this.count).fill(value, 0, textCount);
    values.set(extra, textCount);
    return { ids, values };
  }

  private take(code: number): void {
    if (code < 0) {
      const n = -2 - code;
      if (this.unknownSeen[n] !== this.call) {
        this.unknownSeen[n] = this.call;
        this.unknown++;
      }
      return;
    }
    if (this.seen[code] === this.call) return;
    this.seen[code] = this.call;
    if (this.count === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.count++] = code;
  }

  /** A feature's code: its id, or `-2 - n` for the n-th unknown name. */
  private code(name: string): number {
    const id = this.index.id(name);
    if (id >= 0) return id;
    let n = this.unknownNames.get(name);
    if (n === undefined) {
      this.unknownNames.set(name, (n = this.unknownNames.size));
      if (n >= this.unknownSeen.length) {
        const grown = new Uint32Array(this.unknownSeen.length * 2);
        grown.set(this.unknownSeen);
        this.unknownSeen = grown;
      }
    }
    return -2 - n;
  }

  private keyword(prefix: 'k:' | 's:', code: string, value: number, values: number[]): void {
    const ids = prefix === 'k:' ? this.categoryIds : this.sectorIds;
    let id = ids.get(code);
    if (id === undefined) ids.set(code, (id = this.index.id(prefix + code)));
    if (id < 0 || this.seen[id] === this.call) return;
    this.take(id);
    values.push(value);
  }

  private wordFeatures(word: string): WordFeatures {
    let features = this.words.get(word);
    if (features) return features;
    const stem = stemRussian(word);
    const grams = wordGrams(word);
    const gramCodes = new Int32Array(grams.length);
    for (let g = 0; g < grams.length; g++) gramCodes[g] = this.code(grams[g]!);
    features = { stem, stemCode: this.code(`w:${stem}`), gramCodes, after: new Map() };
    if (word.length <= CACHED_WORD_MAX_LENGTH) this.words.set(word, features);
    return features;
  }
}
