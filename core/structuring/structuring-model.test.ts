import { describe, expect, it } from 'vitest';
import { allPlugins } from '../../plugins/index.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import { loadRegionPack } from '../region/index.js';

const mariElMunicipalities = loadRegionPack('regions/mari-el').municipalities;
import { loadConfig } from '../config/config.js';
import { categoriesHash, committedModel } from './linear-model.js';
import { createStructurer, KEYWORD_RULE, MODEL_RULE } from './structurer.js';
import { readCorpus } from './train/corpus.js';
import { chooseThreshold } from './train/train-model.js';
import { fitLogistic } from './train/logistic-regression.js';
import { addKeywordFeatures, textFeatures } from './text-features.js';
import { createKeywordClassifier } from './keyword-classifier.js';

const model = committedModel()!;
const codes = allPlugins.flatMap((plugin) => plugin.categories.map((category) => category.code));

describe('the committed structuring model', () => {
  it('was trained on the plugins’ current categories (retrain with `npm run structuring:train` when they change)', () => {
    expect(model).not.toBeNull();
    expect(model.categoriesHash).toBe(categoriesHash(codes));
    expect(new Set(model.categories)).toEqual(new Set(codes));
    expect(new Set(model.sectors)).toEqual(new Set(allPlugins.map((plugin) => plugin.code)));
  });

  it('sets the default STRUCTURING_MIN_CONFIDENCE: the threshold chosen in training', () => {
    expect(loadConfig({}).STRUCTURING_MIN_CONFIDENCE).toBe(model.threshold);
  });

  it('gives calibrated probabilities that sum to one, best first', () => {
    const structurer = createStructurer(allPlugins, mariElMunicipalities);
    const result = structurer.structure('Третью неделю не вывозят мусор с контейнерной площадки, баки переполнены');
    expect(result).toMatchObject({ sectorCode: 'waste' });
    expect(result.rule.startsWith(`${MODEL_RULE} ${result.categoryCode} (`)).toBe(true);
    expect(result.suggestions).toHaveLength(3);
    const confidences = result.suggestions!.map((s) => s.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect(confidences.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.001);
    expect(result.suggestions![0]).toMatchObject({ sectorCode: result.sectorCode, categoryCode: result.categoryCode });
  });

  it('falls back to the keywords alone for a plugin whose categories the model has never seen', () => {
    const newcomer: SectorPlugin = {
      ...allPlugins[0]!,
      code: 'newsector',
      categories: [{ code: 'newsector.bells', name: 'Колокола', keywords: ['колокол звонит'] }],
    };
    const structurer = createStructurer([...allPlugins, newcomer], mariElMunicipalities);
    const result = structurer.structure('Ночью колокол звонит, спать невозможно');
    expect(result).toMatchObject({ sectorCode: 'newsector', categoryCode: 'newsector.bells' });
    expect(result.rule.startsWith(`${KEYWORD_RULE} newsector.bells:`)).toBe(true);
  });

  it('caps the confidence of a text of one or two topic words and of an appeal about two sectors', () => {
    const structurer = createStructurer(allPlugins, mariElMunicipalities);
    expect(structurer.structure('Сломалось колесо').rule).toContain('capped: little text');
    expect(structurer.structure('Отключили свет, а в поликлинике нет врача').rule).toContain('capped: mixed');
  });
});

describe('the agreement calibration', () => {
  const keywords = createKeywordClassifier(allPlugins.flatMap((plugin) => plugin.categories.map((category) => ({ sectorCode: plugin.code, category }))));
  const text = 'Третью неделю не вывозят мусор с контейнерной площадки, баки переполнены';
  const opinion = keywords.classify(text);
  const features = addKeywordFeatures(textFeatures(text), opinion);

  it('trusts the model less where the keywords point to another sector, more where strong keywords agree', () => {
    const agreeing = model.rankSectors(features, undefined, opinion)[0]!;
    const disagreeing = model.rankSectors(features, undefined, { sectorCode: 'health', confidence: opinion.confidence })[0]!;
    const weak = model.rankSectors(features, undefined, { sectorCode: 'waste', confidence: 0.1 })[0]!;
    expect(opinion.sectorCode).toBe('waste');
    expect(agreeing.code).toBe('waste');
    // The order of the sectors stays the model's; only how sure it is changes.
    expect(disagreeing.code).toBe('waste');
    expect(disagreeing.probability).toBeLessThan(agreeing.probability - 0.1);
    expect(weak.probability).toBeLessThan(agreeing.probability);
    expect(disagreeing.probability).toBeLessThan(loadConfig({}).STRUCTURING_MIN_CONFIDENCE);
  });

  it('is fitted by a logistic regression that recovers known weights', () => {
    // Outcomes drawn from a known logistic model over [1, x]: the fit finds its weights.
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const inputs = Array.from({ length: 4000 }, () => [1, random() * 8 - 4]);
    const outcomes = inputs.map(([, x]) => random() < 1 / (1 + Math.exp(-(0.5 + 1.5 * x!))));
    const [bias, slope] = fitLogistic(inputs, outcomes, 0);
    expect(bias).toBeCloseTo(0.5, 0);
    expect(slope).toBeCloseTo(1.5, 0);
  });
});

describe('choosing the threshold', () => {
  it('is the lowest confidence from which at least 97.5% of the predictions are right, ties together', () => {
    const items = [
      ...Array.from({ length: 40 }, () => ({ confidence: 0.99, right: true })),
      { confidence: 0.9, right: false },
      ...Array.from({ length: 39 }, () => ({ confidence: 0.8, right: true })),
      { confidence: 0.6, right: false },
      { confidence: 0.5, right: false },
    ];
    // 80 above 0.8 with one wrong: 98.75%; adding 0.6 makes 2 wrong in 81: 97.5%; adding 0.5: 96.3%.
    expect(chooseThreshold(items)).toBe(0.6);
    expect(chooseThreshold([{ confidence: 0.7, right: false }])).toBe(1);
  });
});

describe('the labelled corpus (bench/data/structuring-corpus.jsonl)', () => {
  const corpus = readCorpus();
  it('has at least 1,500 texts, 300 of them held out, every category of every plugin in both splits', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    expect(corpus.filter((row) => row.split === 'heldout').length).toBeGreaterThanOrEqual(300);
    for (const code of codes) {
      expect(
        corpus.some((row) => row.category === code && row.split === 'train'),
        code,
      ).toBe(true);
      expect(
        corpus.some((row) => row.category === code && row.split === 'heldout'),
        code,
      ).toBe(true);
    }
    const known = new Set(mariElMunicipalities.map((m) => m.code));
    expect(corpus.filter((row) => row.municipality !== null && !known.has(row.municipality))).toEqual([]);
    expect(new Set(corpus.map((row) => row.text)).size).toBe(corpus.length);
  });

  it('keeps the four styles in realistic shares', () => {
    const share = (style: string) => corpus.filter((row) => row.style === style).length / corpus.length;
    expect(share('social')).toBeGreaterThan(0.35);
    expect(share('pos')).toBeGreaterThan(0.25);
    expect(share('letter')).toBeGreaterThan(0.12);
    expect(share('phone')).toBeGreaterThan(0.12);
  });
});
