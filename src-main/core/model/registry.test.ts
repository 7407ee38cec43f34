import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { DEFAULT_CONFIG, effectiveConfig, lossOf, MODEL_KINDS } from '../train/config';
import type { Weights } from './model';
import { cloneRumItemParams, initRumItemParams } from './rum-item/params';
import { MODELS, modelSpec, REGISTERED_KINDS } from './registry';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch } from './rum-item/kernel';
import { rumItemForward } from './rum-item/forward';

describe('the model registry', () => {
  it('knows exactly the kinds the train settings accept, each under its own kind', () => {
    expect([...REGISTERED_KINDS].sort()).toEqual([...MODEL_KINDS].sort());
    for (const kind of REGISTERED_KINDS) expect(MODELS[kind].kind).toBe(kind);
  });

  it('fixes the same settings as the train config does for each baseline, with the same loss', () => {
    for (const kind of REGISTERED_KINDS) {
      const spec = modelSpec(kind);
      const asked = { ...DEFAULT_CONFIG, model: kind, alpha: 0.37, slots: 7 };
      const fixed = { ...asked, ...spec.fixes };
      const eff = effectiveConfig(asked);
      expect({ alpha: fixed.alpha, slots: fixed.slots }).toEqual({ alpha: eff.alpha, slots: eff.slots });
      if (spec.loss !== null) expect(spec.loss).toBe(lossOf(kind));
    }
    expect(modelSpec('pop').loss).toBeNull();
  });

  it('refuses an unknown kind, naming the known ones', () => {
    expect(() => modelSpec('gru')).toThrow(/unknown model kind "gru" \(known: rum-item, pop, bpr, fpmc\)/);
  });

  it('scores and attends through the one forward definition for the RUM family', () => {
    for (const kind of ['rum-item', 'bpr', 'fpmc'] as const) {
      const spec = modelSpec(kind);
      const params = initRumItemParams({ dim: 6, slots: 3, alpha: 0.5, beta: 2, ...spec.fixes }, 3, 12, new Rng(5), 0.7);
      const weights: Weights = { kind, params };
      const history = [4, 9, -1, 2, 7];
      const scores = spec.score(weights, 1, history);
      for (let i = 0; i < 12; i++) {
        const ref = rumItemForward(params, 1, history, i);
        expect(Math.abs(scores[i] - ref.logit)).toBeLessThan(1e-6);
        const a = spec.attention(weights, 1, history, i);
        expect(Array.from(a.memory)).toEqual(Array.from(ref.memoryItems));
        expect(Array.from(a.attention)).toEqual(Array.from(ref.attention));
      }
    }
  });

  it("trains the RUM family with the fused kernel's step, bit for bit", () => {
    const spec = modelSpec('fpmc');
    const params = initRumItemParams({ dim: 4, slots: 1, alpha: 1, beta: 1 }, 2, 8, new Rng(2));
    const twin = cloneRumItemParams(params);
    const batch = createRumItemBatch(2, 1, 2);
    batch.size = 2;
    batch.users.set([0, 1]);
    batch.memoryLength.set([1, 0]);
    batch.memory.set([3, -1]);
    batch.candidates.set([1, 2, 5, 6]);
    batch.labels.set([1, 0, 1, 0]);
    const a = spec.trainStep({ kind: 'fpmc', params }, batch, new SparseAdam(params), 1e-3, new RumItemScratch(params, 2, 2, 'bpr'));
    const b = trainBatch(twin, batch, new SparseAdam(twin), 1e-3, new RumItemScratch(twin, 2, 2, 'bpr'));
    expect(a).toBe(b);
    expect(params.item).toEqual(twin.item);
    expect(params.user).toEqual(twin.user);
  });

  it('MostPopular scores by its counts, has no memory, and has no training step', () => {
    const spec = modelSpec('pop');
    const counts = Float32Array.from([3, 0, 9, 1]);
    expect(Array.from(spec.score({ kind: 'pop', counts }, 0, [2]))).toEqual([3, 0, 9, 1]);
    expect(spec.attention({ kind: 'pop', counts }, 0, [2], 1).memory).toHaveLength(0);
    expect(spec.explains).toBe(false);
    expect(() => spec.trainStep({ kind: 'pop', counts }, createRumItemBatch(1, 0, 1), new SparseAdam(initRumItemParams({ dim: 1, slots: 0, alpha: 0, beta: 1 }, 1, 1, new Rng(1))), 0, undefined as never)).toThrow(/no training step/);
  });
});
