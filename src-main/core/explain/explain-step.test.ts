import { describe, expect, it } from 'vitest';
import type { RumItemParams } from '../model/rum-item/params';
import { explainStep, rumExplainInput } from './explain-step';
import { reasonFor } from './reason';
import { timeline } from './timeline';

/**
 * A hand-set model: D = 2, K = 2, alpha = 0.5, beta = 1, one user p* = (1, 0).
 * Items q0 = (1, 0), q1 = (0, 1), q2 = (1, 1), q3 = (-1, 0.5), q4 = (0, 0).
 */
const params: RumItemParams = {
  config: { dim: 2, slots: 2, alpha: 0.5, beta: 1 },
  nUsers: 1,
  nItems: 5,
  user: Float32Array.from([1, 0]),
  item: Float32Array.from([1, 0, 0, 1, 1, 1, -1, 0.5, 0, 0]),
};
const DAY = 86_400_000;
const input = rumExplainInput(params, 0, Int32Array.from([0, 1, 2]), Float64Array.from([0, 2 * DAY, 5 * DAY]));

describe('explainStep on hand-set weights', () => {
  it('equals the numbers worked out by hand at step 2 (memory = items 0 and 1)', () => {
    const ex = explainStep(input, 2, 3, 3);
    expect(ex.memory.map((m) => [m.slot, m.item, m.step, m.time])).toEqual([
      [0, 0, 0, 0],
      [1, 1, 1, 2 * DAY],
    ]);
    // Not yet bought: items 2, 3, 4. Item 2: intrinsic 1, W = (1, 1), z = (.5, .5), memory .5 * 1 = .5, logit 1.5.
    // Item 4: everything 0, logit 0. Item 3: intrinsic -1, W = (-1, .5), z = softmax(-1, .5).
    const z3 = [Math.exp(-1) / (Math.exp(-1) + Math.exp(0.5)), Math.exp(0.5) / (Math.exp(-1) + Math.exp(0.5))];
    const mem3 = 0.5 * (z3[0] * -1 + z3[1] * 0.5);
    expect(ex.recommendations.map((r) => r.item)).toEqual([2, 4, 3]);
    const [r2, r4, r3] = ex.recommendations;
    expect(r2).toMatchObject({ rank: 1, intrinsic: 1, memory: 0.5, logit: 1.5 });
    expect(r2.score).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 14);
    expect(r2.slots.map((s) => [s.attention, s.share, s.withoutSlotLogit])).toEqual([
      [0.5, 0.25, 1.5], // without slot 0 only q1 is left: z = 1, memory .5 * 1
      [0.5, 0.25, 1.5],
    ]);
    expect(r4.logit).toBe(0);
    expect(r3.intrinsic).toBeCloseTo(-1, 14);
    expect(r3.memory).toBeCloseTo(mem3, 14);
    expect(r3.slots[0].attention).toBeCloseTo(z3[0], 14);
    expect(r3.slots[0].share).toBeCloseTo(0.5 * z3[0] * -1, 14);
    // Without slot 0 (q0), only q1 is read: memory = .5 * .5 = .25, logit -.75: still below item 4 (0), rank 3.
    expect(r3.slots[0].withoutSlotLogit).toBeCloseTo(-0.75, 14);
    expect(r3.slots[0].withoutSlotRank).toBe(3);
    // Without slot 1 (q1), only q0 is read: memory = .5 * -1, logit -1.5.
    expect(r3.slots[1].withoutSlotLogit).toBeCloseTo(-1.5, 14);
    // "Why not item 0?": bought before step 2, so never recommended, but still explained.
    expect(ex.candidate).toMatchObject({ item: 3, rank: 3, alreadyBought: false });
    expect(explainStep(input, 2, 3, 0).candidate).toMatchObject({ item: 0, alreadyBought: true });
  });

  it('has an empty memory at step 0 and recommends from the intrinsic part alone', () => {
    const ex = explainStep(input, 0, 2);
    expect(ex.memory).toEqual([]);
    expect(ex.recommendations.map((r) => [r.item, r.logit])).toEqual([
      [0, 1],
      [2, 1],
    ]);
    expect(ex.recommendations[0].slots).toEqual([]);
  });

  it('explains the attention of the purchase made at the step, or the top item after the last one', () => {
    expect(explainStep(input, 1, 1).attentionFor).toEqual({ item: 1, why: 'purchase' });
    expect(explainStep(input, 3, 1).attentionFor).toEqual({ item: 4, why: 'top-recommendation' });
    expect(() => explainStep(input, 4, 1)).toThrow(/between 0 and 3/);
  });

  it('words the reason from the numbers', () => {
    const ex = explainStep(input, 2, 3);
    const text = reasonFor(ex.recommendations[0], { nameOf: (i) => `item ${i}`, memory: ex.memory, step: 2, stepTime: 5 * DAY });
    // Item 2: memory .5 of logit 1.5, both slots share .25; the first slot found wins the tie.
    expect(text).toBe(
      'Mostly because of item 0, bought 2 purchases earlier, 5 days before: 50 % of the memory\'s contribution (attention 50 %); without it this item would still rank 1st.',
    );
    const taste = reasonFor({ ...ex.recommendations[0], memory: 0.01, intrinsic: 1.49 }, { nameOf: String, memory: ex.memory, step: 2, stepTime: NaN });
    expect(taste).toMatch(/^Mostly from the user's long-term taste/);
  });
});

describe('timeline', () => {
  it('gives each purchase its attention over the purchases before it, and names patterns by the thresholds', () => {
    const steps = timeline(params, 0, Int32Array.from([0, 2, 1, 2]), Float64Array.from([0, 1, 2, 3]), 3, { minWeight: 0.6, minFollowers: 2 });
    expect(steps.map((s) => s.part)).toEqual(['train', 'train', 'train', 'test']);
    expect(Array.from(steps[0].weights)).toEqual([]);
    // Step 1 buys q2 with memory [q0]: one slot, attention 1 on step 0, the purchase just before.
    expect(steps[1]).toMatchObject({ first: 0 });
    expect(Array.from(steps[1].weights)).toEqual([1]);
    expect(steps[1]).toMatchObject({ pattern: 'one-to-one', trigger: 0 });
    // Step 2 buys q1 with memory [q0, q2]: W = (0, 1), z = (1/(1+e), e/(1+e)) = (.27, .73): driven by step 1.
    expect(steps[2].first).toBe(0);
    expect(steps[2].weights[1]).toBeCloseTo(Math.E / (1 + Math.E), 14);
    expect(steps[3].first).toBe(1);
    // Step 3 buys q2 with memory [q2, q1] (K = 2): W = (2, 1), z = (.73, .27): also driven by step 1,
    // so step 1 drives two later purchases: both are one-to-multiple.
    expect(steps[2]).toMatchObject({ pattern: 'one-to-multiple', trigger: 1 });
    expect(steps[3]).toMatchObject({ pattern: 'one-to-multiple', trigger: 1 });
    const strict = timeline(params, 0, Int32Array.from([0, 2, 1, 2]), Float64Array.from([0, 1, 2, 3]), 3, { minWeight: 0.8, minFollowers: 2 });
    expect(strict.map((s) => s.pattern)).toEqual(['none', 'one-to-one', 'none', 'none']);
  });
});
