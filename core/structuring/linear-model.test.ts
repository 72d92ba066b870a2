import { describe, expect, it } from 'vitest';
import { FeatureIndex, SparseLinear, type LinearModelFile } from './linear-model.js';

const file = (weights: Record<string, number[]>): LinearModelFile => ({ classes: [0, 1], temperature: 1, bias: [10, -10], weights });

describe('SparseLinear over a shared feature index', () => {
  it('scores each model by its own features only, read once for all of them', () => {
    const a = file({ x: [100, 200] });
    const b = file({ y: [1, 2], z: [3, 4] });
    const index = new FeatureIndex();
    for (const model of [a, b]) for (const feature of Object.keys(model.weights)) index.add(feature);
    const modelA = new SparseLinear(a, 10, index);
    const modelB = new SparseLinear(b, 10, index);
    const features = new Map([
      ['x', 1],
      ['y', 2],
      ['unknown', 5],
    ]);
    const read = index.read(features);
    expect([...read.ids]).toEqual([index.add('x'), index.add('y')]);
    expect([...modelA.logits(read)]).toEqual([1 + 10, -1 + 20]);
    expect([...modelB.logits(read)].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1 + 0.2, -1 + 0.4]);
    // A map of features gives the same scores as the features read once.
    expect([...modelB.logits(features)]).toEqual([...modelB.logits(read)]);
  });
});
