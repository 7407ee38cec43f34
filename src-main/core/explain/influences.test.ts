// The map of influences on hand-built item-level RUM tables (D = 1, so every dot is a product of
// two numbers), read through the model's own explainAt: what each pair sums, and the identity
// that makes the map exact: at every step the credits sum to the memory part of the bought
// item's logit (Shapley) or to 1 (attention), so the whole map sums to the sum of those parts.
import { describe, expect, it } from 'vitest';
import { modelSpec } from '../model/registry';
import { rumWeights } from '../model/rum-item/weights';
import { InfluenceMap, slotCredits, type InfluenceBy } from './influences';

// Items A, B, C, T, U with 1-d embeddings: q_T = 1, so T's dots with A, B, C are -1, -2, -3:
// the worked case of docs/explanations.md (alpha 1/2, beta ln 2).
const Q = [-1, -2, -3, 1, 0.5];
const [A, B, C, T, U] = [0, 1, 2, 3, 4];
const alpha = 0.5;
const beta = Math.LN2;
const weights = rumWeights('rum-item', {
  config: { dim: 1, slots: 3, alpha, beta },
  nItems: Q.length,
  nUsers: 2,
  item: Float32Array.from(Q),
  user: Float32Array.from([0.3, -0.2]),
});
const explainAt = modelSpec('rum-item').explainAt!;

/** The memory game's value and Shapley values by the subset formula, written here from the definition. */
function shapleyBySubsets(d: number[]): number[] {
  const K = d.length;
  const v = (S: number[]) => {
    if (!S.length) return 0;
    const e = S.map((k) => Math.exp(beta * d[k]));
    return (alpha * S.reduce((a, k, j) => a + e[j] * d[k], 0)) / e.reduce((a, b) => a + b, 0);
  };
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  return d.map((_, k) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << K; mask++) {
      if (mask & (1 << k)) continue;
      const S = [...Array(K).keys()].filter((j) => mask & (1 << j));
      phi += ((fact(S.length) * fact(K - S.length - 1)) / fact(K)) * (v([...S, k]) - v(S));
    }
    return phi;
  });
}

/** Every step 1.. of each timeline added to a map, and each step's memory part of the bought item's logit. */
function mapOf(timelines: { user: number; items: number[] }[], by: InfluenceBy) {
  const map = new InfluenceMap(Q.length);
  const memoryParts: number[] = [];
  for (const { user, items } of timelines) {
    const seq = Int32Array.from(items);
    const read = explainAt(weights, user, seq);
    for (let step = 1; step < seq.length; step++) {
      const { scores, slots } = read(step);
      const to = seq[step];
      const credits = slotCredits(scores, to, by);
      const sum = Array.from(credits).reduce((a, b) => a + b, 0);
      // Per step: Shapley values sum to the memory part (= logit - intrinsic); attention to 1.
      expect(sum).toBeCloseTo(by === 'shapley' ? scores.logit[to] - scores.intrinsic[to] : 1, 12);
      memoryParts.push(scores.memoryPart(to));
      map.add(slots.map((s) => s.item), to, credits);
    }
  }
  return { map, memoryParts };
}

const weightOf = (map: InfluenceMap, from: number, to: number) => map.top().find((p) => p.from === from && p.to === to);

describe('the map of influences', () => {
  it("credits each slot's exact Shapley value to (its purchase, the purchase made), the worked case's values", () => {
    const { map } = mapOf([{ user: 0, items: [A, B, C, T] }], 'shapley');
    const phi = shapleyBySubsets([-1, -2, -3]);
    // The docs' table: +0.149, -0.334, -0.601.
    expect(phi.map((x) => Number(x.toFixed(3)))).toEqual([0.149, -0.334, -0.601]);
    expect(weightOf(map, A, T)).toMatchObject({ steps: 1 });
    expect(weightOf(map, A, T)!.weight).toBeCloseTo(phi[0], 12);
    expect(weightOf(map, B, T)!.weight).toBeCloseTo(phi[1], 12);
    expect(weightOf(map, C, T)!.weight).toBeCloseTo(phi[2], 12);
    // Steps 1 and 2 credit the earlier purchases with B and C too: 3 + 2 + 1 pairs, 3 steps.
    expect(map.pairs).toBe(6);
    expect(map.steps).toBe(3);
  });

  it('sums to the memory parts of every bought item over all steps (Shapley) and to the steps (attention)', () => {
    const timelines = [
      { user: 0, items: [A, B, C, T, U, A, T] },
      { user: 1, items: [C, T, B, U, T] },
    ];
    const s = mapOf(timelines, 'shapley');
    const total = s.map.top().reduce((a, p) => a + p.weight, 0);
    expect(total).toBeCloseTo(s.memoryParts.reduce((a, b) => a + b, 0), 10);
    const a = mapOf(timelines, 'attention');
    expect(a.map.top().reduce((x, p) => x + p.weight, 0)).toBeCloseTo(a.map.steps, 10);
    expect(a.map.steps).toBe(6 + 4);
    // A pair seen at several steps of several users: its weight is the sum, its steps the count.
    const cT = a.map.top().find((p) => p.from === C && p.to === T)!;
    const once = (user: number, items: number[], step: number) => {
      const r = explainAt(weights, user, Int32Array.from(items))(step);
      return r.scores.attention(T).reduce((x, z, k) => x + (r.slots[k].item === C ? z : 0), 0);
    };
    // K = 3: C is in the memory when T is bought at user 0's step 3 and user 1's step 1, not at the later Ts.
    expect(cT.steps).toBe(2);
    expect(cT.weight).toBeCloseTo(once(0, timelines[0].items, 3) + once(1, timelines[1].items, 1), 12);
    expect(once(0, timelines[0].items, 6) + once(1, timelines[1].items, 4)).toBe(0);
  });

  it('adds the two slots of an item bought twice into one pair, counting the step once, with equal Shapley halves', () => {
    const { map, memoryParts } = mapOf([{ user: 0, items: [B, B, T] }], 'shapley');
    const bt = weightOf(map, B, T)!;
    expect(bt.steps).toBe(1);
    expect(bt.weight).toBeCloseTo(memoryParts[1], 12);
    // Symmetry: each slot holding B gets half of the memory part, which is alpha * d with one item.
    expect(bt.weight).toBeCloseTo(alpha * -2, 12);
    expect(weightOf(map, B, B)).toEqual({ from: B, to: B, weight: expect.any(Number), steps: 1 });
  });

  it('orders pairs by signed weight, then steps, then items, and cuts at n', () => {
    const map = new InfluenceMap(4);
    map.add([0, 1], 2, [0.5, -1]);
    map.add([3], 2, [0.5]);
    map.add([0], 3, [2]);
    map.add([3], 2, [0]);
    expect(map.top().map((p) => [p.from, p.to, p.weight, p.steps])).toEqual([
      [0, 3, 2, 1],
      [3, 2, 0.5, 2],
      [0, 2, 0.5, 1],
      [1, 2, -1, 1],
    ]);
    expect(map.top(2)).toHaveLength(2);
    expect(map.top(0)).toEqual([]);
  });

  it('grows past its first arrays and refuses mismatched or unknown items', () => {
    const n = 40;
    const map = new InfluenceMap(n);
    for (let f = 0; f < n; f++) for (let t = 0; t < n; t++) map.add([f], t, [f + t / 100]);
    expect(map.pairs).toBe(n * n);
    expect(map.top(1)[0]).toEqual({ from: n - 1, to: n - 1, weight: n - 1 + (n - 1) / 100, steps: 1 });
    expect(() => map.add([0, 1], 2, [1])).toThrow(/one credit per slot/);
    expect(() => map.add([n], 2, [1])).toThrow(RangeError);
    expect(() => map.add([0], -1, [1])).toThrow(RangeError);
  });
});
