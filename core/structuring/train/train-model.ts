/**
 * Trains the structuring model from the corpus's train split (never the held-out one) and,
 * with --feedback, from the ЦУР specialists' choices recorded in structuring_feedback:
 *   npm run structuring:train [-- --feedback]      (the second needs DATABASE_URL)
 * Writes core/structuring/model/structuring-model.json. Deterministic for the same data.
 *
 * 1. Five-fold cross-validation on the training texts gives out-of-fold predictions of the
 *    sector model and of each sector's category model;
 * 2. a temperature is fitted on them (calibration), and the confidence threshold is the lowest
 *    calibrated sector probability from which ≥ TARGET_PRECISION of the out-of-fold
 *    predictions have the right sector;
 * 3. the final models are trained on all training texts.
 */
import { writeFileSync } from 'node:fs';
import { allPlugins } from '../../../plugins/index.js';
import { createKeywordClassifier } from '../keyword-classifier.js';
import {
  agreementConfidence,
  agreementInputs,
  categoriesHash,
  MODEL_FILE,
  MODEL_FORMAT,
  softmax,
  type LinearModelFile,
  type StructuringModelFile,
} from '../linear-model.js';
import { addKeywordFeatures, textFeatures, type FeatureVector } from '../text-features.js';
import { readCorpus, type LabelledText } from './corpus.js';
import { readFeedback } from './feedback-source.js';
import { exportModel, fitLogistic, fitTemperature, logitsOf, trainLogistic, type Example } from './logistic-regression.js';

/** Sector precision required of what the system structures by itself (the issue asks ≥ 97%). */
const TARGET_PRECISION = 0.975;
const FOLDS = 5;
const SCALE = 100;

const sectors = allPlugins.map((plugin) => plugin.code);
const categories = allPlugins.flatMap((plugin) => plugin.categories.map((category) => category.code));
const categorySector = allPlugins.flatMap((plugin, s) => plugin.categories.map(() => s));
const keywords = createKeywordClassifier(allPlugins.flatMap((plugin) => plugin.categories.map((category) => ({ sectorCode: plugin.code, category }))));

export const appealFeatures = (text: string): FeatureVector => addKeywordFeatures(textFeatures(text), keywords.classify(text));

interface Fitted {
  model: LinearModelFile;
  /** Out-of-fold calibrated probabilities per example (positions of `classes`). */
  outOfFold: Float64Array[];
}

/** Cross-validated temperature, then the final model on all examples. */
function fit(examples: Example[], classes: number[]): Fitted {
  const options = { classes: classes.length };
  const logits: Float64Array[] = new Array(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (i: number) => i % FOLDS === fold;
    const trained = trainLogistic(
      examples.filter((_, i) => !inFold(i)),
      options,
    );
    const index = new Map(trained.vocabulary.map((name, i) => [name, i]));
    examples.forEach((example, i) => {
      if (inFold(i)) logits[i] = logitsOf(trained, example.features, index);
    });
  }
  const temperature = fitTemperature(
    logits,
    examples.map((example) => example.label),
  );
  const model = exportModel(trainLogistic(examples, options), classes, temperature, SCALE);
  return { model, outOfFold: logits.map((row) => softmax(row, temperature)) };
}

async function main(): Promise<void> {
  const started = performance.now();
  const corpus = readCorpus().filter((row) => row.split === 'train');
  const feedback = process.argv.includes('--feedback') ? await readFeedback() : [];
  const rows: LabelledText[] = [...corpus, ...feedback].filter((row) => categories.includes(row.category));
  const features = rows.map((row) => appealFeatures(row.text));
  const sectorOf = rows.map((row) => categorySector[categories.indexOf(row.category)]!);

  const sector = fit(
    rows.map((_, i) => ({ features: features[i]!, label: sectorOf[i]! })),
    sectors.map((_, s) => s),
  );
  // Where the keywords' best sector is another than the model's, the model is right far less
  // often than its probability says, and where they agree, more often the stronger the keywords:
  // the best sector's probability is recalibrated by the keywords' opinion.
  const opinions = rows.map((row) => keywords.classify(row.text));
  const raw = sector.outOfFold.map((p, i) => {
    const best = p.reduce((top, value, s) => (value > p[top]! ? s : top), 0);
    const inputs = agreementInputs(p[best]!, sectors[best]!, opinions[i]!);
    return { inputs, right: best === sectorOf[i], disagrees: inputs[2] === 1 };
  });
  const agreementCalibration = fitLogistic(
    raw.map((item) => item.inputs),
    raw.map((item) => item.right),
  );
  const oof = raw.map((item) => ({ confidence: agreementConfidence(agreementCalibration, item.inputs), right: item.right, disagrees: item.disagrees }));
  const threshold = chooseThreshold(oof);
  for (const [name, items] of [
    ['keywords agree', oof.filter((item) => !item.disagrees)],
    ['keywords disagree', oof.filter((item) => item.disagrees)],
  ] as const) {
    const automatic = items.filter((item) => item.confidence >= threshold);
    console.log(
      `  ${name}: ${items.length} texts, sector right ${pct(items.filter((i) => i.right).length, items.length)}; ` +
        `${automatic.length} automatic, right ${pct(automatic.filter((i) => i.right).length, automatic.length)}`,
    );
  }

  let categoryRight = 0;
  const categoryModels = sectors.map((_, s) => {
    const classes = categories.map((_, c) => c).filter((c) => categorySector[c] === s);
    const members = rows.map((_, i) => i).filter((i) => sectorOf[i] === s);
    const fitted = fit(
      members.map((i) => ({ features: features[i]!, label: classes.indexOf(categories.indexOf(rows[i]!.category)) })),
      classes,
    );
    fitted.outOfFold.forEach((p, k) => {
      let best = 0;
      p.forEach((value, c) => {
        if (value > p[best]!) best = c;
      });
      if (classes[best] === categories.indexOf(rows[members[k]!]!.category)) categoryRight++;
    });
    return fitted.model;
  });

  const automatic = oof.filter((item) => item.confidence >= threshold);
  console.log(
    `out-of-fold on ${rows.length} training texts: sector ${pct(oof.filter((i) => i.right).length, oof.length)}, ` +
      `category given the sector ${pct(categoryRight, rows.length)}; sector temperature ${sector.model.temperature}, ` +
      `agreement calibration [${agreementCalibration.join(', ')}]; ` +
      `threshold ${threshold}: ${pct(automatic.length, oof.length)} automatic, sector right for ${pct(automatic.filter((i) => i.right).length, automatic.length)}`,
  );

  const file: StructuringModelFile = {
    format: MODEL_FORMAT,
    trainedAt: new Date().toISOString().slice(0, 10),
    source: { corpus: 'bench/data/structuring-corpus.jsonl (train split)', train: corpus.length, feedback: feedback.length },
    categoriesHash: categoriesHash(categories),
    sectors,
    categories,
    categorySector,
    agreementCalibration,
    threshold,
    scale: SCALE,
    sectorModel: sector.model,
    categoryModels,
  };
  const json = JSON.stringify(file);
  writeFileSync(MODEL_FILE, json + '\n');
  const featureCount = Object.keys(file.sectorModel.weights).length + categoryModels.reduce((sum, m) => sum + Object.keys(m.weights).length, 0);
  console.log(
    `wrote ${MODEL_FILE.pathname}: ${featureCount} weighted features, ${(json.length / 1e6).toFixed(2)} MB, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Lowest confidence from which the share of right sectors stays ≥ TARGET_PRECISION. */
export function chooseThreshold(items: { confidence: number; right: boolean }[]): number {
  const sorted = [...items].sort((a, b) => b.confidence - a.confidence);
  let rightSoFar = 0;
  let threshold = 1;
  sorted.forEach((item, i) => {
    if (item.right) rightSoFar++;
    const next = sorted[i + 1];
    // A cut only between different confidences; ties go together.
    if ((!next || next.confidence < item.confidence) && rightSoFar / (i + 1) >= TARGET_PRECISION) threshold = item.confidence;
  });
  return Math.floor(threshold * 100) / 100;
}

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');

if (import.meta.url === `file://${process.argv[1]}`) await main();
