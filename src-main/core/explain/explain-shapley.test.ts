import { describe, expect, it } from 'vitest';
import type { RumItemParams } from '../model/rum-item/params';
import { explainStep, rumExplainInput } from './explain-step';
import { SHAPLEY_MAX_SLOTS } from './shapley';
import { trustSteps } from './trust-steps';
import { memoryWithDot, whyNotGap } from './why-not';

/**
 * shapley.test.ts's hand case, now through a model: alpha = 1/2, beta = ln 2, D = 2. Memory items
 * A = (-1, 0), B = (-2, 0), C = (-3, 0); the candidate c = (1, 0), so its dots with the slots are
 * (-1, -2, -3); item E = (0, 1) has dot 0 with every slot. User p = (1.3, 0).
 */
const params: RumItemParams = {
  config: { dim: 2, slots: 3, alpha: 0.5, beta: Math.LN2 },
  nUsers: 1,
  nItems: 5,
  user: Float32Array.from([1.3, 0]),
  item: Float32Array.from([-1, 0, -2, 0, -3, 0, 1, 0, 0, 1]),
};
const input = rumExplainInput(params, 0, Int32Array.from([0, 1, 2, 3]), Float64Array.from([0, 1, 2, 3]));

describe('Shapley values through explainStep', () => {
  it('show the hand case where share and remove-one disagree: A hurts by share, helps by removal, Shapley +47/315', () => {
    const ex = explainStep(input, 3, 2);
    const c = ex.recommendations.find((r) => r.item === 3)!;
    expect(c.shapleyNote).toBeNull();
    const [A, B, C] = c.slots;
    // Intrinsic 1.3 (float32 of 1.3 times 1); memory -11/14 (shapley.test.ts works it out).
    expect(c.memory).toBeCloseTo(-11 / 14, 12);
    expect(A.share).toBeCloseTo(-2 / 7, 12);
    expect(c.logit - A.withoutSlotLogit).toBeCloseTo(8 / 21, 12);
    expect(A.shapley).toBeCloseTo(47 / 315, 12);
    expect(B.shapley).toBeCloseTo(-421 / 1260, 12);
    expect(C.shapley).toBeCloseTo(-757 / 1260, 12);
    expect(A.shapley! + B.shapley! + C.shapley!).toBeCloseTo(c.memory, 14);
  });

  it('come for the first shapleyFor recommendations only, the candidate always, with a note where absent', () => {
    const ex = explainStep(input, 3, 2, 3, { shapleyFor: 0 });
    for (const r of ex.recommendations) {
      expect(r.slots.every((s) => s.shapley === null)).toBe(true);
      expect(r.shapleyNote).toMatch(/not computed/);
    }
    expect(ex.candidate!.slots.every((s) => typeof s.shapley === 'number')).toBe(true);
    const one = explainStep(input, 3, 2, undefined, { shapleyFor: 1 });
    expect(one.recommendations[0].shapleyNote).toBeNull();
    expect(one.recommendations[1].shapleyNote).not.toBeNull();
  });

  it('are null past SHAPLEY_MAX_SLOTS, saying so', () => {
    const K = SHAPLEY_MAX_SLOTS + 1;
    const big: RumItemParams = { ...params, config: { ...params.config, slots: K }, nItems: K + 1, item: Float32Array.from({ length: 2 * (K + 1) }, (_, i) => Math.sin(i)) };
    const items = Int32Array.from({ length: K + 1 }, (_, i) => i);
    const ex = explainStep(rumExplainInput(big, 0, items, new Float64Array(K + 1)), K, 1, K);
    expect(ex.candidate!.slots).toHaveLength(K);
    expect(ex.candidate!.slots.every((s) => s.shapley === null)).toBe(true);
    expect(ex.candidate!.shapleyNote).toBe(`${K} slots: exact Shapley values are computed for at most ${SHAPLEY_MAX_SLOTS}`);
  });
});

describe('the why-not gap', () => {
  it('is the N-th recommended logit minus the candidate logit, and each dotNeeded reaches it exactly', () => {
    // At step 3 item E (logit: intrinsic 0 + memory 0 = 0) ranks below c (1.3 - 11/14 = 0.514).
    // Ask why not E with top 1: the target is c.
    const ex = explainStep(input, 3, 1, 4);
    const g = ex.candidateGap!;
    expect(g.target).toEqual({ item: 3, rank: 1, logit: ex.recommendations[0].logit });
    const logitC = 1.2999999523162842 - 11 / 14; // float32(1.3) as stored
    expect(g.gap).toBeCloseTo(logitC - 0, 12);
    expect(g.memoryNeeded).toBeCloseTo(logitC, 12);
    // Independently: E's dots are 0 with all three slots, so with slot k's dot at x the memory part
    // is alpha (x 2^x) / (2^x + 2) (beta = ln 2, the others contribute e^0 = 1 each with dot 0).
    const mem = (x: number) => (0.5 * x * 2 ** x) / (2 ** x + 2);
    for (const s of g.slots) {
      expect(s.dot).toBe(0);
      expect(s.dotNeeded).not.toBeNull();
      expect(mem(s.dotNeeded!)).toBeCloseTo(logitC, 9);
      // The smallest such dot: a little less falls short.
      expect(mem(s.dotNeeded! - 1e-6)).toBeLessThan(logitC);
    }
  });

  it('needs nothing for a candidate already in the top N or already bought', () => {
    const inTop = explainStep(input, 3, 2, 3).candidateGap!;
    expect(inTop.gap!).toBeLessThanOrEqual(0);
    expect(inTop.slots.every((s) => s.dotNeeded === null)).toBe(true);
    const bought = explainStep(input, 3, 1, 0).candidateGap!;
    expect(bought.slots.every((s) => s.dotNeeded === null)).toBe(true);
  });

  it('finds the first crossing when raising the dot first lowers the memory part', () => {
    // Dots (2, -1): raising slot 1 from -1 gives it attention while it is still below slot 0's dot,
    // so the memory part first falls, then rises past 2 only once x passes 2.
    const dots = [2, -1];
    const f = (x: number) => memoryWithDot(dots, 1, x, 1, 3);
    expect(f(0)).toBeLessThan(f(-1));
    // Independent bisection on [2, 10] where f is increasing (x above both dots).
    let lo = 2;
    let hi = 10;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) >= 2.5) hi = mid;
      else lo = mid;
    }
    const cand = { item: 0, rank: 9, logit: f(-1), score: 0, intrinsic: 0, memory: f(-1), additive: true, alreadyBought: false, shapleyNote: null, slots: dots.map((d, k) => ({ slot: k, item: k, attention: 0, share: 0, dot: d, key: d, withoutSlotLogit: 0, withoutSlotRank: 0, shapley: null })) };
    const g = whyNotGap(cand, { item: 1, rank: 1, logit: 2.5 }, 1, 3);
    expect(g.slots[1].dotNeeded!).toBeCloseTo(hi, 9);
  });
});

describe('trustSteps', () => {
  it('lists every step with two purchases before it when there are few', () => {
    expect(trustSteps([1, 4, 3], 100, 1)).toEqual({
      total: 3,
      steps: [
        { user: 1, step: 2 },
        { user: 1, step: 3 },
        { user: 2, step: 2 },
      ],
    });
  });

  it('draws a seeded sample of distinct eligible steps when there are many', () => {
    const lengths = [50, 2, 0, 120, 7];
    const a = trustSteps(lengths, 40, 3);
    expect(a.total).toBe(48 + 118 + 5);
    expect(a.steps).toHaveLength(40);
    expect(new Set(a.steps.map((s) => `${s.user}:${s.step}`)).size).toBe(40);
    for (const s of a.steps) {
      expect(s.step).toBeGreaterThanOrEqual(2);
      expect(s.step).toBeLessThan(lengths[s.user]);
    }
    expect(trustSteps(lengths, 40, 3)).toEqual(a);
    expect(trustSteps(lengths, 40, 4)).not.toEqual(a);
  });
});
