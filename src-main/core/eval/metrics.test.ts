import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { MetricAccumulator, userMetrics } from './metrics';
import { topN } from './top-n';

// log2 values used below: log2(2) = 1, log2(3) = 1.5849625, log2(4) = 2, log2(5) = 2.3219281,
// log2(6) = 2.5849625, so the discounts 1/log2(j+1) for ranks j = 1..5 are
// 1, 0.6309298, 0.5, 0.4306766, 0.3868528.

describe('userMetrics', () => {
  it('2 test items, hits at ranks 1 and 4, N = 5', () => {
    // P = 2/5 = 0.4; R = 2/2 = 1; F1 = 2*0.4*1/(0.4+1) = 0.8/1.4 = 0.5714286
    // DCG = 1/log2(2) + 1/log2(5) = 1 + 0.4306766 = 1.4306766
    // IDCG = 1/log2(2) + 1/log2(3) = 1 + 0.6309298 = 1.6309298 (two hits at the top)
    // NDCG = 1.4306766 / 1.6309298 = 0.8772153
    const m = userMetrics([10, 11, 12, 20, 13], [10, 20], 5);
    expect(m.precision).toBeCloseTo(0.4, 10);
    expect(m.recall).toBeCloseTo(1, 10);
    expect(m.f1).toBeCloseTo(0.5714286, 6);
    expect(m.hr).toBe(1);
    expect(m.ndcg).toBeCloseTo(0.8772153, 6);
  });

  it('1 test item hit at rank 3: IDCG has only one hit although N = 5', () => {
    // P = 1/5 = 0.2; R = 1/1 = 1; F1 = 2*0.2*1/1.2 = 0.3333333
    // DCG = 1/log2(4) = 0.5; IDCG = min(1, 5) = 1 hit at rank 1 = 1; NDCG = 0.5
    const m = userMetrics([1, 2, 7, 3, 4], [7], 5);
    expect(m.precision).toBeCloseTo(0.2, 10);
    expect(m.recall).toBeCloseTo(1, 10);
    expect(m.f1).toBeCloseTo(1 / 3, 10);
    expect(m.hr).toBe(1);
    expect(m.ndcg).toBeCloseTo(0.5, 10);
  });

  it('7 test items, 5 hits: IDCG stops at N hits', () => {
    // P = 5/5 = 1; R = 5/7 = 0.7142857; F1 = 2*1*(5/7)/(1+5/7) = (10/7)/(12/7) = 10/12 = 0.8333333
    // DCG = IDCG = sum of the five discounts = 2.9484591 (min(7, 5) = 5 hits at the top); NDCG = 1
    const m = userMetrics([1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6, 7], 5);
    expect(m.precision).toBeCloseTo(1, 10);
    expect(m.recall).toBeCloseTo(5 / 7, 10);
    expect(m.f1).toBeCloseTo(10 / 12, 10);
    expect(m.hr).toBe(1);
    expect(m.ndcg).toBeCloseTo(1, 10);
  });

  it('7 test items, 3 hits at ranks 2, 3, 5', () => {
    // P = 3/5 = 0.6; R = 3/7 = 0.4285714; F1 = 2*0.6*(3/7)/(0.6+3/7) = 0.5142857/1.0285714 = 0.5
    // DCG = 0.6309298 + 0.5 + 0.3868528 = 1.5177826; IDCG = 2.9484591; NDCG = 0.5147714
    const m = userMetrics([0, 1, 2, 9, 3], [1, 2, 3, 4, 5, 6, 7], 5);
    expect(m.precision).toBeCloseTo(0.6, 10);
    expect(m.recall).toBeCloseTo(3 / 7, 10);
    expect(m.f1).toBeCloseTo(0.5, 10);
    expect(m.ndcg).toBeCloseTo(0.5147714, 6);
  });

  it('no hits: everything is 0, F1 included (no 0/0)', () => {
    const m = userMetrics([1, 2, 3, 4, 5], [6, 7], 5);
    expect(m).toEqual({ precision: 0, recall: 0, f1: 0, hr: 0, ndcg: 0 });
  });

  it('counts duplicate test items once', () => {
    // T = {4, 8} (4 listed twice); hit 4 at rank 2.
    // P = 1/5 = 0.2; R = 1/2 = 0.5 (not 1/3); F1 = 2*0.2*0.5/0.7 = 0.2857143
    // DCG = 1/log2(3) = 0.6309298; IDCG = 1 + 0.6309298 = 1.6309298; NDCG = 0.3868528
    const m = userMetrics([1, 4, 2, 3, 5], [4, 4, 8], 5);
    expect(m.precision).toBeCloseTo(0.2, 10);
    expect(m.recall).toBeCloseTo(0.5, 10);
    expect(m.f1).toBeCloseTo(0.2857143, 6);
    expect(m.ndcg).toBeCloseTo(0.3868528, 6);
  });

  it('divides P by N even when the list is shorter, and counts a repeated recommendation once', () => {
    // Only 2 items could be recommended; one hit: P = 1/5, R = 1/1.
    expect(userMetrics([3, 9], [9], 5).precision).toBeCloseTo(0.2, 10);
    // The list [9, 9, ...]: one distinct hit, DCG only from rank 1 -> NDCG 1, P = 1/5.
    const m = userMetrics([9, 9, 9, 9, 9], [9], 5);
    expect(m.precision).toBeCloseTo(0.2, 10);
    expect(m.ndcg).toBeCloseTo(1, 10);
  });

  it('only the first n recommendations count', () => {
    // A hit at rank 6 of a 6-long list is outside the top 5.
    expect(userMetrics([1, 2, 3, 4, 5, 6], [6], 5).hr).toBe(0);
  });
});

describe('MetricAccumulator', () => {
  it('averages per user, F1 included, and skips users without test items', () => {
    const acc = new MetricAccumulator(5);
    acc.add([10, 11, 12, 20, 13], [10, 20]); // P 0.4, R 1, F1 0.5714286, HR 1, NDCG 0.8772153
    acc.add([1, 2, 7, 3, 4], [7]); //            P 0.2, R 1, F1 0.3333333, HR 1, NDCG 0.5
    acc.add([1, 2, 3, 4, 5], [6, 7]); //         all 0
    acc.add([1, 2, 3, 4, 5], []); //             skipped: no test items
    const { metrics, users } = acc.result();
    expect(users).toBe(3);
    expect(metrics.precision).toBeCloseTo(0.6 / 3, 10); // (0.4 + 0.2 + 0) / 3 = 0.2
    expect(metrics.recall).toBeCloseTo(2 / 3, 10); // (1 + 1 + 0) / 3
    // (0.5714286 + 0.3333333 + 0) / 3 = 0.3015873; the F1 of the averages would be
    // 2*0.2*0.6667/(0.2+0.6667) = 0.3077, which is not what the spec asks for.
    expect(metrics.f1).toBeCloseTo(0.3015873, 6);
    expect(metrics.hr).toBeCloseTo(2 / 3, 10);
    expect(metrics.ndcg).toBeCloseTo((0.8772153 + 0.5) / 3, 6); // 0.4590718
  });

  it('reports zero users rather than NaN when nobody had a test set', () => {
    const acc = new MetricAccumulator(5);
    acc.add([1, 2], []);
    expect(acc.result()).toEqual({ metrics: { precision: 0, recall: 0, f1: 0, hr: 0, ndcg: 0 }, users: 0 });
  });
});

describe('topN', () => {
  it('returns the best first and breaks ties by the lower index', () => {
    expect(Array.from(topN([1, 3, 3, 2, 3], 3))).toEqual([1, 2, 4]);
    expect(Array.from(topN([5, 5, 5, 5], 2))).toEqual([0, 1]);
    expect(Array.from(topN([0.1, 0.9, 0.5, 0.7], 4))).toEqual([1, 3, 2, 0]);
  });

  it('skips excluded items, by mask or predicate', () => {
    const scores = [1, 3, 3, 2, 3];
    expect(Array.from(topN(scores, 3, Uint8Array.from([0, 0, 1, 0, 0])))).toEqual([1, 4, 3]);
    expect(Array.from(topN(scores, 3, (i) => i === 1 || i === 4))).toEqual([2, 3, 0]);
  });

  it('never ranks NaN above a real score, even -Infinity', () => {
    const scores = [NaN, -Infinity, 0, NaN, -5];
    expect(Array.from(topN(scores, 3))).toEqual([2, 4, 1]);
    // NaN only fills places nothing real is left for, lower index first.
    expect(Array.from(topN(scores, 5))).toEqual([2, 4, 1, 0, 3]);
    // A NaN seen first must still be pushed out by a later real score.
    expect(Array.from(topN([NaN, NaN, -Infinity], 1))).toEqual([2]);
  });

  it('returns fewer than n when fewer items are available', () => {
    expect(Array.from(topN([1, 2, 3], 5, Uint8Array.from([0, 1, 0])))).toEqual([2, 0]);
    expect(topN([1, 2, 3], 0).length).toBe(0);
    expect(topN([], 5).length).toBe(0);
    expect(topN([1, 2], 3, () => true).length).toBe(0);
  });

  it('agrees with a full sort on random scores with ties, NaN and exclusions', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const size = 1 + rng.int(200);
      const scores = new Float64Array(size);
      const mask = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const r = rng.next();
        // Coarse values force many ties; a few NaN and infinities test the edges.
        scores[i] = r < 0.05 ? NaN : r < 0.08 ? -Infinity : r < 0.1 ? Infinity : rng.int(20) - 10;
        mask[i] = rng.next() < 0.2 ? 1 : 0;
      }
      const n = 1 + rng.int(12);
      const rank = (s: number): number => (Number.isNaN(s) ? -1 : 0);
      const expected = Array.from({ length: size }, (_, i) => i)
        .filter((i) => mask[i] === 0)
        .sort((a, b) => rank(scores[b]) - rank(scores[a]) || cmp(scores[b], scores[a]) || a - b)
        .slice(0, n);
      expect(Array.from(topN(scores, n, mask))).toEqual(expected);
    }
  });
});

// Descending comparison safe for infinities (Infinity - Infinity is NaN); NaN handled by rank().
function cmp(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return 0;
  return x < y ? -1 : x > y ? 1 : 0;
}
