import { describe, expect, it } from 'vitest';
import { attentionTrust, kendallTauB } from './attention-trust';
import { shapleyValues } from './shapley';

describe('kendallTauB', () => {
  it('is 1 for the same order, -1 for the reverse, and counts discordant pairs', () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTauB([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // Pairs (0,1) and (0,2) concordant, (1,2) discordant: (2 - 1)/3.
    expect(kendallTauB([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3, 15);
  });

  it('handles ties as tau-b does (by hand)', () => {
    // x = (1, 2, 2, 3), y = (1, 2, 3, 3): of the 6 pairs, (1,2) ties in x, (2,3) ties in y, the
    // other 4 are concordant: 4 / sqrt((6 - 1)(6 - 1)) = 0.8.
    expect(kendallTauB([1, 2, 2, 3], [1, 2, 3, 3])).toBeCloseTo(0.8, 15);
    // x = (1, 1, 1, 2), y = (1, 2, 3, 4): 3 pairs tie in x, 3 concordant: 3 / sqrt(3 * 6) = 1/sqrt 2.
    expect(kendallTauB([1, 1, 1, 2], [1, 2, 3, 4])).toBeCloseTo(Math.SQRT1_2, 15);
    // x = (1, 1, 2), y = (5, 5, 1): (0,1) ties in both (counted in n1 and n2), the other two are
    // discordant: -2 / sqrt((3 - 1)(3 - 1)) = -1.
    expect(kendallTauB([1, 1, 2], [5, 5, 1])).toBe(-1);
  });

  it('is NaN when either vector is all ties, and needs equal lengths', () => {
    expect(kendallTauB([0.25, 0.25, 0.25], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([1], [2])).toBeNaN();
    expect(() => kendallTauB([1, 2], [1])).toThrow(RangeError);
  });

  it('treats differences within the relative tolerance as ties', () => {
    const x = [0.4, 0.4, 0.2];
    const y = [0.3, 0.1 + 0.2, -0.1]; // 0.1 + 0.2 = 0.30000000000000004
    // With the default tolerance (0,1) ties in both: 2 / sqrt(2 * 2) = 1.
    expect(kendallTauB(x, y)).toBe(1);
    // Exactly: (0,1) ties in x only: 2 / sqrt(2 * 3).
    expect(kendallTauB(x, y, 0)).toBeCloseTo(2 / Math.sqrt(6), 15);
  });
});

describe('attentionTrust', () => {
  it('gives top-1 agreement, mean tau-b and the steps used', () => {
    const trust = attentionTrust([
      // Agree on the top slot; same order: tau 1.
      { attention: [0.5, 0.3, 0.2], shapley: [0.4, 0.1, -0.2] },
      // Attention on slot 0, Shapley's top is slot 1: disagree; tau -1.
      { attention: [0.6, 0.4], shapley: [-0.1, 0.3] },
      // One slot: nothing to compare.
      { attention: [1], shapley: [0.7] },
      // Uniform attention (beta = 0): every slot is top, so it agrees; tau-b is 0/0, left out.
      { attention: [0.25, 0.25, 0.25, 0.25], shapley: [0.1, 0.2, 0.3, 0.4] },
    ]);
    expect(trust).toEqual({ steps: 4, compared: 3, top1Agreement: 2 / 3, meanKendallTau: 0, tauSteps: 2 });
  });

  it('ranks by the signed value by default, by |value| on request', () => {
    const pairs = [{ attention: [0.5, 0.3, 0.2], shapley: [0.3, 0.1, -0.9] }];
    expect(attentionTrust(pairs)).toMatchObject({ top1Agreement: 1, meanKendallTau: 1 });
    // |phi| = (0.3, 0.1, 0.9): top slot 2; pairs (0,1) concordant, (0,2) and (1,2) discordant.
    const byMagnitude = attentionTrust(pairs, { by: 'magnitude' });
    expect(byMagnitude.top1Agreement).toBe(0);
    expect(byMagnitude.meanKendallTau).toBeCloseTo(-1 / 3, 15);
  });

  it('does not let rounding decide between two slots holding the same item', () => {
    // Slots 0 and 1 hold the same item: equal attention, Shapley values equal but for the last bit.
    const pairs = [{ attention: [0.4, 0.4, 0.2], shapley: [0.3, 0.1 + 0.2, -0.1] }];
    expect(attentionTrust(pairs)).toMatchObject({ top1Agreement: 1, meanKendallTau: 1 });
  });

  it('reads the hand-built case of shapley.test.ts', () => {
    // w = d = (-1, -2, -3), alpha 1/2, beta ln 2: attention (4, 2, 1)/7, Shapley
    // (47/315, -421/1260, -757/1260). Signed, the slot with the most attention also helps most;
    // by magnitude the order is reversed (slot 2, with the least attention, moves the logit most).
    const w = [-1, -2, -3];
    const pair = { attention: [4 / 7, 2 / 7, 1 / 7], shapley: shapleyValues(w, w, 0.5, Math.LN2) };
    expect(attentionTrust([pair])).toMatchObject({ top1Agreement: 1, meanKendallTau: 1 });
    expect(attentionTrust([pair], { by: 'magnitude' })).toMatchObject({ top1Agreement: 0, meanKendallTau: -1 });
  });

  it('reports nothing for no steps, and rejects mismatched or non-finite steps', () => {
    expect(attentionTrust([])).toEqual({ steps: 0, compared: 0, top1Agreement: null, meanKendallTau: null, tauSteps: 0 });
    expect(() => attentionTrust([{ attention: [0.5, 0.5], shapley: [1] }])).toThrow(RangeError);
    expect(() => attentionTrust([{ attention: [0.5, 0.5], shapley: [1, Number.NaN] }])).toThrow(RangeError);
  });

  it('accepts any iterable, so steps can be streamed', () => {
    function* steps() {
      yield { attention: Float64Array.of(0.7, 0.3), shapley: Float64Array.of(0.2, 0.1) };
      yield { attention: Float64Array.of(0.7, 0.3), shapley: Float64Array.of(0.1, 0.2) };
    }
    expect(attentionTrust(steps())).toEqual({ steps: 2, compared: 2, top1Agreement: 0.5, meanKendallTau: 0, tauSteps: 2 });
  });
});
