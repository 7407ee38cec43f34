import { describe, expect, it } from 'vitest';
import { erfc, signedRankCounts, wilcoxonOneSample, wilcoxonSignedRank } from './wilcoxon';

/** Two-sided exact p by brute force: every one of the 2^n sign patterns of ranks 1..n. */
function bruteForceP(n: number, wPlus: number): number {
  const total = (n * (n + 1)) / 2;
  const stat = Math.min(wPlus, total - wPlus);
  let atMost = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let w = 0;
    for (let r = 1; r <= n; r++) if (mask & (1 << (r - 1))) w += r;
    if (w <= stat) atMost++;
  }
  return Math.min(1, (2 * atMost) / 2 ** n);
}

describe('wilcoxonSignedRank', () => {
  it('counts the signed-rank distribution as brute-force enumeration does', () => {
    for (let n = 1; n <= 12; n++) {
      const counts = signedRankCounts(n);
      const brute = new Float64Array(counts.length);
      for (let mask = 0; mask < 1 << n; mask++) {
        let w = 0;
        for (let r = 1; r <= n; r++) if (mask & (1 << (r - 1))) w += r;
        brute[w]++;
      }
      expect(Array.from(counts)).toEqual(Array.from(brute));
    }
  });

  it('gives the brute-force exact p for every sign pattern of small samples', () => {
    for (let n = 1; n <= 8; n++) {
      for (let mask = 0; mask < 1 << n; mask++) {
        // |d| = 1..n (no ties), sign from the mask; shuffled order must not matter.
        const d = Array.from({ length: n }, (_, k) => ((mask >> k) & 1 ? 1 : -1) * (k + 1) * 0.37).reverse();
        const r = wilcoxonOneSample(d);
        let wPlus = 0;
        for (let k = 0; k < n; k++) if ((mask >> k) & 1) wPlus += k + 1;
        expect(r.method).toBe('exact');
        expect(r.n).toBe(n);
        expect(r.wPlus).toBe(wPlus);
        expect(r.wMinus).toBe((n * (n + 1)) / 2 - wPlus);
        expect(r.p).toBeCloseTo(bruteForceP(n, wPlus), 14);
      }
    }
  });

  it("matches Hollander & Wolfe's depression example (1973, p. 29; R's ?wilcox.test): V = 40, one-sided p = 0.01953", () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = wilcoxonSignedRank(x, y);
    expect(r).toMatchObject({ n: 9, wPlus: 40, wMinus: 5, statistic: 5, method: 'exact' });
    // Two-sided = twice the one-sided 10/512 (subsets of 1..9 summing to at most 5); scipy gives 0.0390625.
    expect(r.p).toBe(20 / 512);
  });

  it('swapping the two samples keeps p and swaps W+ and W-', () => {
    const x = [0.3, 0.1, 0.5, 0.5, 0.2, 0.9, 0.0, 0.4, 0.7, 0.6, 0.2, 0.8];
    const y = [0.1, 0.4, 0.2, 0.5, 0.0, 0.3, 0.1, 0.4, 0.2, 0.1, 0.3, 0.3];
    const a = wilcoxonSignedRank(x, y);
    const b = wilcoxonSignedRank(y, x);
    expect(b.p).toBe(a.p);
    expect(b.wPlus).toBe(a.wMinus);
    expect(b.wMinus).toBe(a.wPlus);
    expect(b.statistic).toBe(a.statistic);
    if (a.z !== undefined) expect(b.z).toBe(-a.z);
  });

  it('gives n = 0 and p = 1 when every difference is zero', () => {
    const r = wilcoxonSignedRank([0.1, 0.2, 0.3], [0.1, 0.2, 0.3]);
    expect(r).toMatchObject({ n: 0, wPlus: 0, wMinus: 0, p: 1, method: 'none' });
    expect(wilcoxonSignedRank([], []).p).toBe(1);
  });

  it('drops zero differences and averages tied ranks, matching scipy in the normal approximation', () => {
    // scipy 1.17: wilcoxon(round(x - y, 10), zero_method='wilcox', correction=True, method='asymptotic')
    // -> statistic 27.0, p 0.0007066189253622658, z -3.386998040328757. The differences here are
    // not rounded: 0.3 - 0.2 and 0.2 - 0.1 differ in the last bit and must still tie.
    const x = [0.1, 0.2, 0.2, 0.0, 0.5, 0.3, 0.3, 0.3, 0.0, 0.7, 0.1, 0.4, 0.2, 0.6, 0.0, 0.3, 0.2, 0.2, 0.5, 0.1, 0.9, 0.4, 0.3, 0.2, 0.1, 0.0, 0.4, 0.8, 0.2, 0.3];
    const y = [0.0, 0.2, 0.1, 0.1, 0.2, 0.3, 0.1, 0.0, 0.0, 0.3, 0.2, 0.1, 0.2, 0.2, 0.1, 0.1, 0.4, 0.0, 0.2, 0.1, 0.3, 0.1, 0.2, 0.0, 0.1, 0.0, 0.2, 0.1, 0.3, 0.1];
    const r = wilcoxonSignedRank(x, y);
    expect(r.method).toBe('normal');
    expect(r.n).toBe(23); // 7 zero pairs dropped
    expect(r.statistic).toBe(27);
    expect(r.wMinus).toBe(27);
    expect(r.wPlus).toBe(276 - 27);
    expect(r.p).toBeCloseTo(0.0007066189253622658, 12);
    // scipy's z is signed on min(W+, W-); ours on W+.
    expect(Math.abs(r.z!)).toBeCloseTo(3.386998040328757, 10);
  });

  it('uses the normal approximation beyond n = 25 (scipy, no ties: statistic 165, p 0.1681789797233525)', () => {
    const d = Array.from({ length: 30 }, (_, k) => (k + 1) * ((k + 1) % 3 ? 1 : -1));
    const r = wilcoxonOneSample(d);
    expect(r.method).toBe('normal');
    expect(r.statistic).toBe(165);
    expect(r.p).toBeCloseTo(0.1681789797233525, 12);
  });

  it('refuses samples of different lengths', () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow('differ in length');
  });
});

describe('erfc', () => {
  it("agrees with Python's math.erfc", () => {
    const cases: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047265],
      [3, 2.2090496998585438e-5],
      [5, 1.5374597944280351e-12],
      [-2, 1.9953222650189528],
    ];
    for (const [x, want] of cases) expect(Math.abs(erfc(x) - want) / want).toBeLessThan(1e-14);
  });
});
