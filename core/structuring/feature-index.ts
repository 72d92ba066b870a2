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

/** What one word gives the features, looked up once: its stem, its `w:` feature, its `c:` n-grams (id, or the name when no model knows it). */
interface WordFeatures {
  stem: string;
  stemId: number;
  stemName: string | null;
  gramIds: Int32Array;
  /** The names of the unknown n-grams (null where the id is known): needed only to count distinct features. */
  gramNames: (string | null)[];
}

/** Words whose features are kept; past this the cache starts afresh rather than grow for ever (as the stem cache). */
const WORD_CACHE_LIMIT = 20_000;

/**
 * `index.read(addKeywordFeatures(textFeatures(text), keywords))` (text-features.ts) from a text's
 * feature words, without building the feature names of every text: each word's features are looked
 * up once and kept. The same ids in the same order with the same values, so the models' sums are
 * the same to the last bit: a feature counts at its first occurrence, every distinct feature
 * (known to the models or not) counts in the text features' unit length.
 */
export class TextFeatureReader {
  private readonly words = new Map<string, WordFeatures>();
  private readonly keywordIds = new Map<string, number>();
  /** Feature id → the call that last took it (distinct features without a Set of names). */
  private readonly seen: Uint32Array;
  private call = 0;
  private readonly unknown = new Set<string>();
  private ids = new Int32Array(1024);
  private count = 0;

  constructor(private readonly index: FeatureIndex) {
    this.seen = new Uint32Array(index.size);
  }

  read(words: readonly string[], keywords: Classification): ReadFeatures {
    if (++this.call === 0xffffffff) {
      this.seen.fill(0);
      this.call = 1;
    }
    this.count = 0;
    this.unknown.clear();
    let previous: string | null = null;
    for (const word of words) {
      const features = this.wordFeatures(word);
      this.take(features.stemId, features.stemName);
      if (previous) {
        const name = bigramName(previous, features.stem);
        const id = this.index.id(name);
        this.take(id, id < 0 ? name : null);
      }
      previous = features.stem;
      const { gramIds, gramNames } = features;
      for (let g = 0; g < gramIds.length; g++) this.take(gramIds[g]!, gramNames[g]!);
    }
    const textCount = this.count;
    const distinct = textCount + this.unknown.size;
    const value = distinct ? 1 / Math.sqrt(distinct) : 0;
    const extra: number[] = [];
    const topCategory = keywords.categories[0]?.score ?? 0;
    if (topCategory > 0) {
      for (const category of keywords.categories.slice(0, KEYWORD_TOP)) this.keyword(`k:${category.categoryCode}`, category.score / topCategory, extra);
    }
    const topSector = keywords.sectors[0]?.score ?? 0;
    if (topSector > 0) {
      for (const sector of keywords.sectors.slice(0, KEYWORD_TOP)) this.keyword(`s:${sector.sectorCode}`, sector.score / topSector, extra);
    }
    const ids = this.ids.slice(0, this.count);
    const values = new Float64Array(this.count).fill(value, 0, textCount);
    values.set(extra, textCount);
    return { ids, values };
  }

  private take(id: number, name: string | null): void {
    if (id < 0) {
      this.unknown.add(name!);
      return;
    }
    if (this.seen[id] === this.call) return;
    this.seen[id] = this.call;
    if (this.count === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.count++] = id;
  }

  private keyword(name: string, value: number, values: number[]): void {
    let id = this.keywordIds.get(name);
    if (id === undefined) this.keywordIds.set(name, (id = this.index.id(name)));
    if (id < 0 || this.seen[id] === this.call) return;
    this.take(id, null);
    values.push(value);
  }

  private wordFeatures(word: string): WordFeatures {
    let features = this.words.get(word);
    if (features) return features;
    const stem = stemRussian(word);
    const stemName = `w:${stem}`;
    const stemId = this.index.id(stemName);
    const grams = wordGrams(word);
    const gramIds = new Int32Array(grams.length);
    const gramNames: (string | null)[] = [];
    grams.forEach((gram, g) => {
      gramIds[g] = this.index.id(gram);
      gramNames.push(gramIds[g]! < 0 ? gram : null);
    });
    features = { stem, stemId, stemName: stemId < 0 ? stemName : null, gramIds, gramNames };
    if (this.words.size >= WORD_CACHE_LIMIT) this.words.clear();
    this.words.set(word, features);
    return features;
  }
}
