// The explanation maths: per-slot shares, the write history, slot names, and that the project's
// Shapley code applies to the latent slots as it is.
import { describe, expect, it } from 'vitest';
import { shapleyValues } from '../../explain/shapley';
import { explainAtStep, explainCandidate, slotNames, writeHistory } from './explain';
import { memoryAfter } from './forward';
import { rumFeature } from './index';
import { randomParams } from './test-helpers';
import { featureWeights } from './weights';

describe('feature-level RUM explanations', () => {
  const p = randomParams({ dim: 5, slots: 6, alpha: 0.4, beta: 1.3 }, 3, 20, 21);
  const items = Int32Array.of(3, 8, 8, 14, 0, 19, 2);

  it('splits the logit into the intrinsic part and per-slot shares, at a step of the timeline', () => {
    const e = explainAtStep(p, 1, items, 5, 7);
    const s = rumFeature.score(featureWeights('rum-feature', p), 1, items.subarray(0, 5));
    expect(e.logit).toBeCloseTo(s[7], 5);
    expect(e.intrinsic + e.slotShare.reduce((a, x) => a + x, 0)).toBeCloseTo(e.logit, 12);
    for (let k = 0; k < 6; k++) {
      expect(e.slotShare[k]).toBeCloseTo(0.4 * e.attention[k] * e.valueDots[k], 14);
      expect(e.keyLogits[k]).toBeCloseTo(1.3 * e.keyDots[k], 14);
    }
    expect(e.attention.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 14);
    const a = rumFeature.attention(featureWeights('rum-feature', p), 1, items.subarray(0, 5), 7);
    expect(Array.from(a.attention)).toEqual(Array.from(e.attention));
  });

  it("takes shapleyValues(keyDots, valueDots, alpha, beta) as is: its game is this model's memory part on a subset of slots", () => {
    const e = explainCandidate(p, 0, items, 11);
    const phi = shapleyValues(e.keyDots, e.valueDots, e.alpha, e.beta);
    expect(phi.reduce((a, x) => a + x, 0)).toBeCloseTo(e.memoryTerm, 12);
    // Brute force over every subset S of the K slots: v(S) = the memory read with only S's slots,
    // the softmax re-taken over them (computed here from the memory itself, not from the arrays).
    const M = memoryAfter(p, items);
    const K = 6;
    const D = 5;
    const q = Array.from(p.item.subarray(11 * D, 12 * D));
    const v = (mask: number) => {
      let num = 0;
      let den = 0;
      for (let k = 0; k < K; k++) {
        if (!(mask & (1 << k))) continue;
        let w = 0;
        let d = 0;
        for (let j = 0; j < D; j++) {
          w += q[j] * p.keys[k * D + j];
          d += q[j] * M[k * D + j];
        }
        num += Math.exp(1.3 * w) * d;
        den += Math.exp(1.3 * w);
      }
      return den === 0 ? 0 : (0.4 * num) / den;
    };
    const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
    const pop = (m: number) => m.toString(2).split('1').length - 1;
    for (let k = 0; k < K; k++) {
      let want = 0;
      for (let S = 0; S < 1 << K; S++) {
        if (S & (1 << k)) continue;
        want += ((fact(pop(S)) * fact(K - pop(S) - 1)) / fact(K)) * (v(S | (1 << k)) - v(S));
      }
      expect(phi[k], `slot ${k}`).toBeCloseTo(want, 12);
    }
  });

  it("records each write: weights z_k, the share erased z_k mean(e), the size added z_k ||a||, each slot's norm after", () => {
    const h = writeHistory(p, Int32Array.of(3, -1, 8), 3);
    expect(Array.from(h.steps)).toEqual([0, 2]);
    expect(Array.from(h.items)).toEqual([3, 8]);
    const M = memoryAfter(p, [3, 8]);
    for (let k = 0; k < 6; k++) {
      expect(h.norm[6 + k]).toBeCloseTo(Math.hypot(...M.subarray(k * 5, (k + 1) * 5)), 12);
      // The first write into the zero memory adds exactly z_k a, so its norm is what was added.
      expect(h.norm[k]).toBeCloseTo(h.added[k], 12);
      // Within one write, erased / z is the same mean erase gate for every slot.
      expect(h.erased[6 + k] / h.z[6 + k]).toBeCloseTo(h.erased[6] / h.z[6], 12);
      expect(h.erased[k] / h.z[k]).toBeGreaterThan(0);
      expect(h.erased[k] / h.z[k]).toBeLessThan(1);
    }
    expect(h.z.subarray(0, 6).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 14);
    expect(writeHistory({ ...p, config: { ...p.config, alpha: 0 } }, items).steps).toHaveLength(0);
  });

  it('names each slot by the items that load on its key most', () => {
    const names = slotNames(p, 3);
    expect(names).toHaveLength(6);
    for (const { slot, items: top, loadings } of names) {
      const load = Array.from({ length: 20 }, (_, i) => {
        let s = 0;
        for (let d = 0; d < 5; d++) s += p.item[i * 5 + d] * p.keys[slot * 5 + d];
        return s;
      });
      const want = load.map((_, i) => i).sort((a, b) => load[b] - load[a] || a - b).slice(0, 3);
      expect(Array.from(top)).toEqual(want);
      expect(Array.from(loadings)).toEqual(want.map((i) => load[i]));
    }
  });
});
