import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { rumItem } from '../model/rum-item';
import { rumWeights } from '../model/rum-item/weights';
import { stepMetrics, stepRanks } from './step-ranks';

/** Random RUM tables, float32 as stored; the user's purchases repeat some items. */
function setup(seed: number, slots: number, alpha: number) {
  const rng = new Rng(seed);
  const dim = 4;
  const nItems = 40;
  const params = {
    config: { dim, slots, alpha, beta: 2 },
    nUsers: 2,
    nItems,
    item: Float32Array.from({ length: nItems * dim }, () => rng.next() * 2 - 1),
    user: Float32Array.from({ length: 2 * dim }, () => rng.next() * 2 - 1),
  };
  const items = Int32Array.from({ length: 30 }, () => rng.int(nItems));
  return { params, weights: rumWeights('rum-item', params), items };
}

/**
 * The re-ranking the test trusts, written apart from the scorer: each logit by the formula of
 * docs/model.md (p*.q_i + alpha sum_k softmax(beta q_i.m_k) q_i.m_k over the last K purchases,
 * rounded to float32 as the scorer returns them), then the whole catalogue sorted, the items
 * bought before the step dropped (the item bought itself kept), and the bought item's position read off.
 */
function reRank(p: ReturnType<typeof setup>['params'], user: number, items: Int32Array, t: number): number {
  const { dim, slots, alpha, beta } = p.config;
  const row = (tab: Float32Array, r: number) => Array.from(tab.subarray(r * dim, (r + 1) * dim));
  const dotp = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d], 0);
  const memory = alpha === 0 ? [] : Array.from(items.subarray(Math.max(0, t - slots), t));
  const pu = row(p.user, user);
  const logits = Array.from({ length: p.nItems }, (_, i) => {
    const q = row(p.item, i);
    const w = memory.map((m) => dotp(q, row(p.item, m)));
    const e = w.map((x) => Math.exp(beta * x));
    const z = e.map((x) => x / e.reduce((a, b) => a + b, 0));
    return Math.fround(dotp(pu, q) + alpha * w.reduce((s, x, k) => s + z[k] * x, 0));
  });
  const before = new Set(items.subarray(0, t));
  const order = logits
    .map((l, i) => ({ l, i }))
    .filter(({ i }) => i === items[t] || !before.has(i))
    .sort((a, b) => b.l - a.l || a.i - b.i);
  return order.findIndex(({ i }) => i === items[t]) + 1;
}

describe('stepRanks', () => {
  for (const [slots, alpha] of [
    [3, 1],
    [50, 0.7], // K past the whole history
    [3, 0], // no memory read (BPR-MF)
  ] as const) {
    it(`equals a separate full-catalogue re-ranking at every step (K ${slots}, alpha ${alpha})`, () => {
      const { params, weights, items } = setup(slots + 17, slots, alpha);
      const ranks = stepRanks(rumItem, weights, 1, items, params.nItems);
      const expected = Array.from(items, (_, t) => reRank(params, 1, items, t));
      expect(Array.from(ranks)).toEqual(expected);
      // Not all 1s or all the same: the test could have failed.
      expect(new Set(expected).size).toBeGreaterThan(3);
      // A repeat purchase still ranks (itself counted) and never ranks past the items left.
      ranks.forEach((r, t) => expect(r).toBeLessThanOrEqual(params.nItems - new Set(items.subarray(0, t)).size + (new Set(items.subarray(0, t)).has(items[t]) ? 1 : 0)));
    });
  }

  it('walking the timeline (timelineScorer, one new memory column a step) ranks as scoring each step afresh', () => {
    const { params, weights, items } = setup(9, 4, 0.9);
    const fresh = { score: rumItem.score, historyLength: rumItem.historyLength };
    expect(rumItem.timelineScorer).toBeDefined();
    expect(Array.from(stepRanks(rumItem, weights, 1, items, params.nItems))).toEqual(Array.from(stepRanks(fresh, weights, 1, items, params.nItems)));
  });

  it('ranks only steps [from, to), with the items bought before `from` still excluded', () => {
    const { params, weights, items } = setup(5, 3, 1);
    const all = stepRanks(rumItem, weights, 0, items, params.nItems);
    const part = stepRanks(rumItem, weights, 0, items, params.nItems, 20, 25);
    expect(Array.from(part.subarray(20, 25))).toEqual(Array.from(all.subarray(20, 25)));
    expect(part[19]).toBe(0);
    expect(part[25]).toBe(0);
  });
});

describe('stepMetrics', () => {
  it('gives HR@N and NDCG@N as worked out by hand', () => {
    const ranks = [1, 3, 7, 2, 6];
    // Steps 0..2: hits at ranks 1 and 3 -> HR 2/3, NDCG (1/log2(2) + 1/log2(4)) / 3 = 1.5 / 3.
    expect(stepMetrics(ranks, 5, 0, 3)).toEqual({ steps: 3, hits: 2, hr: 2 / 3, ndcg: 0.5 });
    // Steps 3..4: a hit at rank 2 -> HR 1/2, NDCG (1/log2(3)) / 2.
    const test = stepMetrics(ranks, 5, 3, 5);
    expect(test).toMatchObject({ steps: 2, hits: 1, hr: 0.5 });
    expect(test.ndcg).toBeCloseTo(1 / Math.log2(3) / 2, 15);
    // N = 1 counts rank 1 only.
    expect(stepMetrics(ranks, 1)).toEqual({ steps: 5, hits: 1, hr: 0.2, ndcg: 0.2 });
    expect(stepMetrics(ranks, 5, 5, 5)).toEqual({ steps: 0, hits: 0, hr: 0, ndcg: 0 });
  });
});
