// The explanations' view of feature-level RUM (step-read.ts) against the model's own reference
// read (explain.ts) and a by-hand re-score with one latent slot left out of the softmax.
import { describe, expect, it } from 'vitest';
import { explainStep } from '../../explain/explain-step';
import { explainAtStep } from './explain';
import { featureStepReader } from './step-read';
import { randomParams } from './test-helpers';
import { featureWeights } from './weights';

describe('feature-level RUM explained step by step', () => {
  const p = randomParams({ dim: 5, slots: 6, alpha: 0.4, beta: 1.3 }, 3, 20, 21);
  const w = featureWeights('rum-feature', p);
  const items = Int32Array.of(3, 8, 8, 14, 0, 19, 2, 11);
  const times = Float64Array.from(items, (_, t) => t * 1000);

  it('equals the reference read at every step, walking forward and back, with latent slots and exact Shapley values', () => {
    const read = featureStepReader(w, 1, items);
    for (const step of [0, 3, 4, 7, 2, 8]) {
      const ex = explainStep({ nItems: p.nItems, items, times, read }, step, 3);
      expect(ex.memory.every((m) => m.item === -1 && m.step === -1)).toBe(true);
      for (const r of ex.recommendations) {
        const ref = explainAtStep(p, 1, items, step, r.item);
        expect(r.logit).toBeCloseTo(ref.logit, 12);
        expect(r.intrinsic).toBeCloseTo(ref.intrinsic, 12);
        r.slots.forEach((s, k) => {
          expect(s.attention).toBeCloseTo(ref.attention[k], 12);
          expect(s.share).toBeCloseTo(ref.slotShare[k], 12);
          expect(s.key).toBeCloseTo(ref.keyDots[k], 12);
          expect(s.dot).toBeCloseTo(ref.valueDots[k], 12);
          // Without slot k: the softmax re-taken over the other five, by hand.
          const others = [...ref.keyDots.keys()].filter((j) => j !== k);
          const e = others.map((j) => Math.exp(1.3 * ref.keyDots[j]));
          const sum = e.reduce((a, x) => a + x, 0);
          const without = ref.intrinsic + 0.4 * others.reduce((a, j, m) => a + (e[m] / sum) * ref.valueDots[j], 0);
          expect(s.withoutSlotLogit).toBeCloseTo(without, 12);
        });
        // Exact Shapley values sum to the memory part (the first recommendation carries them).
        if (r.rank === 1) expect(r.slots.reduce((a, s) => a + s.shapley!, 0)).toBeCloseTo(r.memory, 12);
      }
    }
  });

  it('with alpha = 0 reads no slot: the logit is the intrinsic part (MF)', () => {
    const mf = featureWeights('rum-feature', { ...p, config: { ...p.config, alpha: 0 } });
    const ex = explainStep({ nItems: p.nItems, items, times, read: featureStepReader(mf, 0, items) }, 5, 2);
    expect(ex.memory).toEqual([]);
    for (const r of ex.recommendations) expect(r.logit).toBe(r.intrinsic);
  });
});
