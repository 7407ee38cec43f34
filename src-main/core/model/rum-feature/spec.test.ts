// The checks core/model/registry.test.ts gives every registered kind, run on this spec directly
// (it is not in the catalogue yet): train a tiny model, score, rank consistently with the
// scores, attend with weights summing to 1, survive the weights codec, export plain JSON.
// trainModel takes only catalogued kinds, so the epochs are driven here as it drives them.
import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights } from '../../../store/weights-codec';
import { timeOrderedSplit, type Split } from '../../dataset/split';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { Rng } from '../../random';
import { DEFAULT_CONFIG, type ModelKind, type TrainConfig } from '../../train/config';
import { fitEnds } from '../../train/examples';
import { evaluateSplit } from '../../train/protocol';
import { fixedSettings } from '../meta';
import type { Weights } from '../model';
import { rumFeature, rumFeatureMeta } from './index';

const tiny = timeOrderedSplit(generateSequentialLog({ users: 25, items: 40, events: 400, seed: 3 }));
const tinyConfig: TrainConfig = {
  ...DEFAULT_CONFIG,
  model: 'rum-feature' as ModelKind,
  dim: 4,
  slots: 3,
  epochs: 2,
  batchSize: 64,
  validationUsers: 10,
  ...fixedSettings(rumFeatureMeta),
};

/** trainModel's epoch loop without validation: the weights after `epochs` and each epoch's mean loss. */
function train(split: Split, config: TrainConfig): { weights: Weights; losses: number[] } {
  const fitEnd = fitEnds(split, config.validationPercent);
  const training = rumFeature.startTraining!(split, config, { fitEnd, rng: new Rng(config.seed) });
  const losses: number[] = [];
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    training.beginEpoch(epoch);
    let lossSum = 0;
    let examples = 0;
    for (let b = 0; b < training.batches; b++) {
      const part = training.trainBatch(b);
      lossSum += part.lossSum;
      examples += part.examples;
    }
    lossSum += training.endEpoch();
    expect(examples).toBe(training.examples);
    losses.push(lossSum / training.examples);
  }
  training.close();
  return { weights: training.snapshot(), losses };
}

describe('rum-feature as a model kind', () => {
  it('carries its meta and trains with epochs on one thread', () => {
    for (const [key, value] of Object.entries(rumFeatureMeta)) expect(rumFeature[key as keyof typeof rumFeature], key).toEqual(value);
    expect(rumFeature.fit).toBeUndefined();
    expect(rumFeature.startTraining).toBeDefined();
    expect(rumFeature.helperSlices).toBeUndefined();
    expect(rumFeature.settings.threads).toBe(1);
    expect(rumFeature.title).toBe('Feature-level RUM');
  });

  it('lowers its training loss, and a seed reproduces a run exactly', () => {
    // Four Adam steps an epoch on this log: the loss falls slowly at first (item-level RUM's too).
    const a = train(tiny, { ...tinyConfig, epochs: 12, lr: 0.05 });
    expect(a.losses.every(Number.isFinite)).toBe(true);
    expect(a.losses[0]).toBeCloseTo(Math.log(2), 1);
    expect(a.losses[11]).toBeLessThan(a.losses[0] - 0.1);
    const b = train(tiny, { ...tinyConfig, epochs: 12, lr: 0.05 });
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
  });

  it('trains a tiny model whose scores and ranking agree, and whose weights survive the store', () => {
    const { weights: w } = train(tiny, tinyConfig);
    expect(w.kind).toBe('rum-feature');
    const nItems = tiny.itemOf.length;
    const seq = tiny.sequences[2];
    const history = seq.items.subarray(0, seq.trainLength);
    const scores = rumFeature.score(w, 2, history);
    expect(scores).toHaveLength(nItems);
    expect(scores.every(Number.isFinite)).toBe(true);
    const L = rumFeature.historyLength(w);
    expect(L).toBe(Infinity);
    const memory = history.subarray(Math.max(0, history.length - L));
    const excluded = Int32Array.from([0, 1, 2]);
    const [top] = rumFeature.rank(w)(Int32Array.of(2), [memory], [excluded], 5);
    const want = Array.from(scores.keys()).filter((i) => i > 2).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, 5);
    expect(Array.from(top).map((i) => scores[i])).toEqual(want.map((i) => scores[i]));

    const stored = decodeWeights(encodeWeights({ weights: w, itemOf: tiny.itemOf, userOf: tiny.userOf }));
    expect(stored.weights).toEqual(w);
    expect(rumFeature.score(stored.weights, 2, history)).toEqual(scores);
    const json = rumFeature.exportJson(w);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.formula).toMatch(/softmax_k\(beta \* q_i \. f_k\)/);
    expect(json.featureKeys).toHaveLength(3);
  });

  it('evaluates with the protocol, handing it the whole history', () => {
    const { weights: w } = train(tiny, tinyConfig);
    const e = evaluateSplit(tiny, rumFeature.rank(w), 5, rumFeature.historyLength(w), 'test');
    expect(e.users).toBe(tiny.sequences.length);
    expect(e.metrics.hr).toBeGreaterThanOrEqual(0);
  });

  it('attends over its K latent slots, with weights summing to 1', () => {
    const { weights: w } = train(tiny, { ...tinyConfig, epochs: 1 });
    const seq = tiny.sequences[4];
    const a = rumFeature.attention(w, 4, seq.items.subarray(0, seq.trainLength), seq.items[seq.trainLength]);
    expect(Array.from(a.memory)).toEqual([0, 1, 2]);
    expect(a.attention).toHaveLength(3);
    expect(a.attention.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const none = train(tiny, { ...tinyConfig, epochs: 1, slots: 0 }).weights;
    const b = rumFeature.attention(none, 4, seq.items.subarray(0, seq.trainLength), 0);
    expect(b.memory).toHaveLength(0);
    expect(b.attention).toHaveLength(0);
  });

  it('refuses weights of another kind with a clear error', () => {
    const w: Weights = { kind: 'pop', config: {}, tensors: { counts: { shape: [2], data: Float32Array.of(1, 2) } } };
    expect(() => rumFeature.score(w, 0, [])).toThrow(/pop weights lack dim/);
  });
});
