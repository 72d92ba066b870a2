import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Classification } from './keyword-classifier.js';
import { FeatureIndex, TextFeatureReader, type ReadFeatures } from './feature-index.js';
import type { FeatureVector } from './text-features.js';

export { FeatureIndex, type ReadFeatures };

/*
 * The learned part of structuring, trained by `npm run structuring:train` (core/structuring/train/)
 * and committed as JSON (there is no build step). Two levels of multinomial logistic regression:
 *
 * - a sector model over the sectors of all plugins: its calibrated probability is the
 *   structuring confidence (a sector is what routing needs first, and a model that decides
 *   the sector directly is surer of it than sums over a hundred categories);
 * - per sector, a category model over that sector's categories.
 *
 * Probabilities are calibrated: logits are divided by a temperature fitted on out-of-fold
 * predictions of the training split, so «0.9» means right about nine times in ten. The best
 * sector's probability is then recalibrated by whether the keywords agree: where the keywords'
 * best sector is another than the model's, the model was right out of fold on only about two
 * texts in three while as sure of itself as elsewhere. A small logistic regression, fitted on
 * the out-of-fold predictions, maps (log-odds of the best sector, disagreement, their product,
 * the keywords' own confidence for and against) to the probability that the sector is right; the other sectors
 * share the rest in proportion.
 * Weights are stored sparse, as integers (× `scale`).
 */

export const MODEL_FORMAT = 'cur-structuring-linear-v1';
export const MODEL_FILE = new URL('./model/structuring-model.json', import.meta.url);

const linearSchema = z.object({
  /** Indices of the classes (sector or category indices of the file) this model decides among. */
  classes: z.array(z.number().int().min(0)).min(1),
  temperature: z.number().positive(),
  bias: z.array(z.number().int()),
  /** feature → its weight for each class position (× scale); features whose weights all round to 0 are left out. */
  weights: z.record(z.string(), z.array(z.number().int())),
});

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  trainedAt: z.string(),
  source: z.object({ corpus: z.string(), train: z.number().int(), feedback: z.number().int() }),
  /** sha256 (16 hex) of the sorted category codes the model was trained on: a test compares it with the plugins'. */
  categoriesHash: z.string(),
  sectors: z.array(z.string()).min(1),
  categories: z.array(z.string()).min(1),
  /** Sector index of each category. */
  categorySector: z.array(z.number().int().min(0)),
  /**
   * Recalibration of the best sector's probability: weights of [1, log-odds, disagreement,
   * log-odds × disagreement, keyword confidence where they agree, keyword confidence where
   * they disagree] (disagreement: the keywords' best sector is
   * another); absent in older files (the probability is then kept).
   */
  agreementCalibration: z.array(z.number()).length(6).optional(),
  /** Calibrated sector probability from which the training data showed ≥ 97% right sectors. */
  threshold: z.number().min(0).max(1),
  scale: z.number().positive(),
  sectorModel: linearSchema,
  categoryModels: z.array(linearSchema),
});
export type StructuringModelFile = z.infer<typeof modelSchema>;
export type LinearModelFile = z.infer<typeof linearSchema>;

/** Hash of a set of category codes, independent of their order. */
export function categoriesHash(codes: readonly string[]): string {
  return createHash('sha256')
    .update([...codes].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}

export interface Scored {
  code: string;
  probability: number;
}

/** The keyword classifier's opinion: its best sector (null: no keyword) and its confidence. */
export interface KeywordOpinion {
  sectorCode: string | null;
  confidence: number;
}

export interface StructuringModel {
  readonly sectors: readonly string[];
  readonly categories: readonly string[];
  readonly threshold: number;
  readonly categoriesHash: string;
  /**
   * Calibrated sector probabilities, best first, among `allowedSectors` (all when absent). With
   * `keywords` (the keywords' best sector and confidence), the best one's probability is recalibrated by
   * their agreement (see the file's comment).
   */
  /** `allowedSectors` (and `allowedCategories` below): a set never changed after it is first passed; what it lets through is worked out once per set object. */
  rankSectors(features: FeatureVector | ReadFeatures, allowedSectors?: ReadonlySet<string>, keywords?: KeywordOpinion): Scored[];
  /** Category probabilities within a sector, best first, among `allowedCategories`. */
  rankCategories(sectorCode: string, features: FeatureVector | ReadFeatures, allowedCategories?: ReadonlySet<string>): Scored[];
  /** A text's features as the models read them: read once, ranked by several models (rankSectors, rankCategories). */
  read(features: FeatureVector): ReadFeatures;
  /** `read(addKeywordFeatures(textFeatures(text), keywords))` from the text's feature words (AnalysedText.featureWords), each word's features looked up once for all texts. */
  readText(words: readonly string[], keywords: Classification): ReadFeatures;
}

/**
 * A sparse linear model ready to score: its weights in one array, a row of
 * one weight per class for each feature it knows (`offsets`: where a feature
 * id's row starts, -1 for none). Models of one file share one FeatureIndex
 * (give it every file's features before the first model is built).
 */
export class SparseLinear {
  private readonly bias: Float64Array;
  private readonly offsets: Int32Array;
  private readonly weights: Float32Array;
  constructor(
    readonly file: LinearModelFile,
    scale: number,
    private readonly index: FeatureIndex = indexOf([file]),
  ) {
    const width = file.classes.length;
    if (file.bias.length !== width) throw new Error('structuring model: bias and classes differ in length');
    this.bias = Float64Array.from(file.bias, (value) => value / scale);
    const rows = Object.entries(file.weights);
    this.offsets = new Int32Array(index.size).fill(-1);
    this.weights = new Float32Array(rows.length * width);
    rows.forEach(([feature, row], r) => {
      if (row.length !== width) throw new Error(`structuring model: weights of ${feature} do not match the classes`);
      const id = index.add(feature);
      if (id >= this.offsets.length) throw new Error(`structuring model: feature ${feature} is not in the model's index`);
      this.offsets[id] = r * width;
      for (let c = 0; c < width; c++) this.weights[r * width + c] = row[c]! / scale;
    });
  }

  /** Calibrated probabilities of the model's classes (positions), 0 for positions not `allowed`. */
  probabilities(features: FeatureVector | ReadFeatures, allowed?: (position: number) => boolean): Float64Array {
    return softmax(this.logits(features), this.file.temperature, allowed);
  }

  /** Raw scores of the model's classes (positions), before the temperature. */
  logits(features: FeatureVector | ReadFeatures): Float64Array {
    const { ids, values } = features instanceof Map ? this.index.read(features) : features;
    const logits = this.bias.slice();
    const width = logits.length;
    const { offsets, weights } = this;
    for (let f = 0; f < ids.length; f++) {
      const offset = offsets[ids[f]!]!;
      if (offset < 0) continue;
      const value = values[f]!;
      for (let c = 0; c < width; c++) logits[c]! += value * weights[offset + c]!;
    }
    return logits;
  }
}

/** One index of the features of `files`. */
function indexOf(files: readonly LinearModelFile[]): FeatureIndex {
  const index = new FeatureIndex();
  for (const file of files) for (const feature of Object.keys(file.weights)) index.add(feature);
  return index;
}

export function softmax(logits: Float64Array, temperature: number, allowed?: (position: number) => boolean): Float64Array {
  const probabilities = new Float64Array(logits.length);
  let max = -Infinity;
  for (let c = 0; c < logits.length; c++) if (!allowed || allowed(c)) max = Math.max(max, logits[c]! / temperature);
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    if (allowed && !allowed(c)) continue;
    probabilities[c] = Math.exp(logits[c]! / temperature - max);
    sum += probabilities[c]!;
  }
  if (sum > 0) for (let c = 0; c < logits.length; c++) probabilities[c]! /= sum;
  return probabilities;
}

/** Inputs of the agreement calibration: [1, log-odds of the best probability, disagreement, their product, the keywords' confidence where they agree, where they disagree]. */
export function agreementInputs(best: number, bestSector: string, keywords: KeywordOpinion): number[] {
  const p = Math.min(Math.max(best, 1e-6), 1 - 1e-6);
  const logOdds = Math.log(p / (1 - p));
  const d = keywords.sectorCode !== null && keywords.sectorCode !== bestSector ? 1 : 0;
  return [1, logOdds, d, logOdds * d, keywords.confidence * (1 - d), keywords.confidence * d];
}

/** Probability that the best sector is right, from the agreement calibration's inputs. */
export function agreementConfidence(weights: readonly number[], inputs: readonly number[]): number {
  const z = inputs.reduce((sum, x, i) => sum + x * weights[i]!, 0);
  return 1 / (1 + Math.exp(-z));
}

/** Sets the best position to `confidence`, the others sharing the rest in proportion (the order stays). */
function recalibrate(probabilities: Float64Array, best: number, confidence: number): void {
  const rest = 1 - probabilities[best]!;
  const others = rest > 0 ? (1 - confidence) / rest : 0;
  for (let p = 0; p < probabilities.length; p++) probabilities[p] = p === best ? confidence : probabilities[p]! * others;
  // Keep the best one first when the recalibration would put another above it.
  for (let p = 0; p < probabilities.length; p++) if (p !== best && probabilities[p]! > confidence) probabilities[p] = confidence;
}

export function parseModel(json: unknown): StructuringModelFile {
  const file = modelSchema.parse(json);
  if (file.categorySector.length !== file.categories.length || file.categoryModels.length !== file.sectors.length) {
    throw new Error('structuring model: categories, their sectors and the category models do not line up');
  }
  return file;
}

export function loadModel(file: StructuringModelFile): StructuringModel {
  const index = indexOf([file.sectorModel, ...file.categoryModels]);
  const sectorModel = new SparseLinear(file.sectorModel, file.scale, index);
  const categoryModels = file.categoryModels.map((model) => new SparseLinear(model, file.scale, index));
  const sectorIndex = new Map(file.sectors.map((code, i) => [code, i]));
  const reader = new TextFeatureReader(index);
  const ranked = (probabilities: Float64Array, code: (position: number) => string): Scored[] => {
    const scored: Scored[] = [];
    for (let position = 0; position < probabilities.length; position++) {
      const probability = probabilities[position]!;
      if (probability > 0) scored.push({ code: code(position), probability });
    }
    return scored.sort((a, b) => b.probability - a.probability);
  };
  // Which positions of a model a set of allowed codes lets through, worked out once per set (the structurer passes the same sets).
  const masks = new WeakMap<SparseLinear, WeakMap<ReadonlySet<string>, Uint8Array>>();
  const allowedBy = (model: SparseLinear, codes: readonly string[], allowed: ReadonlySet<string>) => {
    let byModel = masks.get(model);
    if (!byModel) masks.set(model, (byModel = new WeakMap()));
    let mask = byModel.get(allowed);
    if (!mask) byModel.set(allowed, (mask = Uint8Array.from(model.file.classes, (c) => (allowed.has(codes[c]!) ? 1 : 0))));
    const fixed = mask;
    return (position: number) => fixed[position] === 1;
  };
  return {
    sectors: file.sectors,
    categories: file.categories,
    threshold: file.threshold,
    categoriesHash: file.categoriesHash,
    read: (features) => index.read(features),
    readText: (words, keywords) => reader.read(words, keywords),
    rankSectors(features, allowed, keywords) {
      const classes = file.sectorModel.classes;
      const isAllowed = allowed ? allowedBy(sectorModel, file.sectors, allowed) : undefined;
      const probabilities = sectorModel.probabilities(features, isAllowed);
      // A text without any keyword is outside what the calibration was fitted on (every training text has some).
      if (file.agreementCalibration && keywords?.sectorCode && (!allowed || allowed.size > 1)) {
        let best = 0;
        for (let p = 1; p < probabilities.length; p++) if (probabilities[p]! > probabilities[best]!) best = p;
        const inputs = agreementInputs(probabilities[best]!, file.sectors[classes[best]!]!, keywords);
        recalibrate(probabilities, best, agreementConfidence(file.agreementCalibration, inputs));
      }
      return ranked(probabilities, (p) => file.sectors[classes[p]!]!);
    },
    rankCategories(sectorCode, features, allowed) {
      const index = sectorIndex.get(sectorCode);
      if (index === undefined) return [];
      const model = categoryModels[index]!;
      const classes = model.file.classes;
      const probabilities = model.probabilities(features, allowed ? allowedBy(model, file.categories, allowed) : undefined);
      return ranked(probabilities, (p) => file.categories[classes[p]!]!);
    },
  };
}

let committed: StructuringModel | null | undefined;
/** The committed model, read once; null when the file is missing (keywords alone then). */
export function committedModel(): StructuringModel | null {
  if (committed === undefined) {
    let text: string | null;
    try {
      text = readFileSync(MODEL_FILE, 'utf8');
    } catch {
      text = null;
    }
    committed = text === null ? null : loadModel(parseModel(JSON.parse(text)));
  }
  return committed;
}
