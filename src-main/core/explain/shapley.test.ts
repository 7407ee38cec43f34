import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { SHAPLEY_MAX_SLOTS, shapleyValues, shapleyWeights } from './shapley';

// The references below are written from the definitions, independently of shapley.ts: each
// coalition's softmax is re-taken from scratch with its own maximum, and no running sums,
// sorting or regrouping are shared with the implementation.

/** v(S) = alpha sum_{k in S} softmax_S(beta w)_k d_k, v(empty) = 0. */
function game(S: readonly number[], w: readonly number[], d: readonly number[], alpha: number, beta: number): number {
  if (S.length === 0) return 0;
  const top = Math.max(...S.map((k) => beta * w[k]));
  const e = S.map((k) => Math.exp(beta * w[k] - top));
  const total = e.reduce((x, y) => x + y, 0);
  return alpha * S.reduce((acc, k, j) => acc + (e[j] / total) * d[k], 0);
}

/** Shapley as the mean marginal over all K! orders in which the slots join (K <= 7). */
function shapleyByOrders(w: number[], d: number[], alpha: number, beta: number): number[] {
  const K = w.length;
  const phi = new Array<number>(K).fill(0);
  let orders = 0;
  const perm: number[] = [];
  const used = new Array<boolean>(K).fill(false);
  const walk = () => {
    if (perm.length === K) {
      orders++;
      for (let j = 0; j < K; j++) {
        phi[perm[j]] += game(perm.slice(0, j + 1), w, d, alpha, beta) - game(perm.slice(0, j), w, d, alpha, beta);
      }
      return;
    }
    for (let k = 0; k < K; k++) {
      if (used[k]) continue;
      used[k] = true;
      perm.push(k);
      walk();
      perm.pop();
      used[k] = false;
    }
  };
  walk();
  return phi.map((x) => x / orders);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Shapley by the subset formula: phi_k = sum_{S without k} |S|!(K-|S|-1)!/K! (v(S+k) - v(S)). */
function shapleyBySubsets(w: number[], d: number[], alpha: number, beta: number): number[] {
  const K = w.length;
  return w.map((_, k) => {
    const others = w.map((__, j) => j).filter((j) => j !== k);
    let phi = 0;
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const S = others.filter((_j, b) => mask & (1 << b));
      const weight = (factorial(S.length) * factorial(K - S.length - 1)) / factorial(K);
      phi += weight * (game([...S, k], w, d, alpha, beta) - game(S, w, d, alpha, beta));
    }
    return phi;
  });
}

function randomCase(rng: Rng, K: number) {
  const w = Array.from({ length: K }, () => 2 * rng.normal());
  // Half the cases are item-level RUM proper (d = w); the others a general game.
  const d = rng.next() < 0.5 ? [...w] : Array.from({ length: K }, () => 2 * rng.normal());
  const alpha = 0.05 + 2 * rng.next();
  const beta = -3 + 8 * rng.next();
  return { w, d, alpha, beta };
}

/** The memory part alpha sum_k z_k d_k, from the full softmax. */
const memoryPart = (w: number[], d: number[], alpha: number, beta: number) =>
  game(w.map((_, k) => k), w, d, alpha, beta);

describe('shapleyWeights', () => {
  it('are s!(K-s-1)!/K! and sum to 1 over the coalitions without a given slot', () => {
    for (let K = 1; K <= SHAPLEY_MAX_SLOTS; K++) {
      const c = shapleyWeights(K);
      expect(c.length).toBe(K);
      let total = 0;
      for (let s = 0; s < K; s++) {
        expect(c[s]).toBeCloseTo((factorial(s) * factorial(K - s - 1)) / factorial(K), 15);
        // C(K-1, s) coalitions of size s without the slot.
        total += (c[s] * factorial(K - 1)) / (factorial(s) * factorial(K - 1 - s));
      }
      expect(total).toBeCloseTo(1, 12);
    }
    expect(shapleyWeights(0).length).toBe(0);
  });
});

describe('shapleyValues', () => {
  it('equal the mean marginal over all orders (K <= 7) to 1e-12', () => {
    const rng = new Rng(11);
    for (let K = 1; K <= 7; K++) {
      for (let rep = 0; rep < (K <= 5 ? 20 : 4); rep++) {
        const { w, d, alpha, beta } = randomCase(rng, K);
        const phi = shapleyValues(w, d, alpha, beta);
        const ref = shapleyByOrders(w, d, alpha, beta);
        for (let k = 0; k < K; k++) expect(Math.abs(phi[k] - ref[k])).toBeLessThan(1e-12);
      }
    }
  });

  it('equal the subset formula written separately (K up to 12) to 1e-12', () => {
    const rng = new Rng(12);
    for (const K of [2, 3, 8, 10, 12]) {
      for (let rep = 0; rep < 3; rep++) {
        const { w, d, alpha, beta } = randomCase(rng, K);
        const phi = shapleyValues(w, d, alpha, beta);
        const ref = shapleyBySubsets(w, d, alpha, beta);
        for (let k = 0; k < K; k++) expect(Math.abs(phi[k] - ref[k])).toBeLessThan(1e-12);
      }
    }
  });

  it('stay exact when beta w spreads far past exp range (each coalition keeps its own softmax)', () => {
    // beta w differences of ~1000: with one global maximum, exp underflows to 0 for the low
    // slots and a coalition of only those would read 0/0.
    const w = [-3, 2, -1.5, 0.5, 1];
    const d = [0.7, -1.2, 2.5, -0.3, 0.9];
    const phi = shapleyValues(w, d, 0.4, 300);
    const ref = shapleyByOrders(w, d, 0.4, 300);
    for (let k = 0; k < w.length; k++) expect(Math.abs(phi[k] - ref[k])).toBeLessThan(1e-12);
    expect(phi.every(Number.isFinite)).toBe(true);
  });

  it('sum to the memory part alpha sum_k z_k d_k (efficiency) for K = 1..20', () => {
    const rng = new Rng(13);
    for (let K = 1; K <= SHAPLEY_MAX_SLOTS; K++) {
      const { w, d, alpha, beta } = randomCase(rng, K);
      const phi = shapleyValues(w, d, alpha, beta);
      const total = phi.reduce((x, y) => x + y, 0);
      const memory = memoryPart(w, d, alpha, beta);
      expect(Math.abs(total - memory)).toBeLessThan(1e-12 * Math.max(1, Math.abs(memory)));
    }
  });

  it('give two identical slots equal values (symmetry), and follow a permutation of the slots', () => {
    const rng = new Rng(14);
    for (const K of [2, 5, 9, 16]) {
      const { w, d, alpha, beta } = randomCase(rng, K);
      // Slot K-1 becomes a copy of slot 0, as when the same item was bought twice in the memory.
      w[K - 1] = w[0];
      d[K - 1] = d[0];
      const phi = shapleyValues(w, d, alpha, beta);
      expect(Math.abs(phi[0] - phi[K - 1])).toBeLessThan(1e-14 * Math.max(1, Math.abs(phi[0])));
      const perm = rng.shuffle(Array.from({ length: K }, (_, k) => k));
      const permuted = shapleyValues(perm.map((k) => w[k]), perm.map((k) => d[k]), alpha, beta);
      perm.forEach((k, j) => expect(Math.abs(permuted[j] - phi[k])).toBeLessThan(1e-13));
    }
  });

  it('give a null slot zero and leave the others as in the game without it', () => {
    // A slot with zero dot whose beta w is so far below the others that its attention weight is
    // exactly 0 next to any of them: it changes no coalition's value, so its value is 0.
    const w = [0.4, -0.9, 1.3];
    const d = [0.8, -0.5, 1.1];
    const phi = shapleyValues([...w, -1e6], [...d, 0], 0.7, 1);
    const without = shapleyValues(w, d, 0.7, 1);
    // Zero up to rounding: the values come from two regrouped sums, so no difference is exactly 0.
    expect(Math.abs(phi[3])).toBeLessThan(1e-15);
    for (let k = 0; k < 3; k++) expect(Math.abs(phi[k] - without[k])).toBeLessThan(1e-14);
  });

  it('settle a case where the share and the remove-one effect disagree in sign (by hand)', () => {
    // Item-level RUM (d = w), alpha = 1/2, beta = ln 2, so exp(beta w) = 2^w exactly:
    //   slots A, B, C with w = d = (-1, -2, -3): 2^w = (1/2, 1/4, 1/8), attention z = (4, 2, 1)/7.
    //   memory part = alpha (4(-1) + 2(-2) + 1(-3))/7 = (1/2)(-11/7) = -11/14.
    // Slot A: share = alpha z_A d_A = (1/2)(4/7)(-1) = -2/7 ("hurts"), but without A the softmax
    // moves to the more negative B and C: memory without A = (1/2)(2(-2) + 1(-3))/3 = -7/6, so the
    // remove-one effect = -11/14 - (-7/6) = +8/21 (removing A lowers the logit: A "helps").
    // Coalition values (before alpha): v(A) = -1, v(B) = -2, v(C) = -3, v(AB) = -4/3,
    // v(AC) = -7/5, v(BC) = -7/3, v(ABC) = -11/7. Weights for K = 3: 1/3 (S empty or both
    // others), 1/6 (one other).
    //   phi_A = 1/3(-1) + 1/6(-4/3 + 2) + 1/6(-7/5 + 3) + 1/3(-11/7 + 7/3)
    //         = -1/3 + 1/9 + 4/15 + 16/63 = 94/315;            times alpha: 47/315   ~ +0.1492
    //   phi_B = 1/3(-2) + 1/6(-4/3 + 1) + 1/6(-7/3 + 3) + 1/3(-11/7 + 7/5)
    //         = -2/3 - 1/18 + 1/9 - 2/35 = -421/630;            times alpha: -421/1260 ~ -0.3341
    //   phi_C = 1/3(-3) + 1/6(-7/5 + 1) + 1/6(-7/3 + 2) + 1/3(-11/7 + 4/3)
    //         = -1 - 1/15 - 1/18 - 5/63 = -757/630;             times alpha: -757/1260 ~ -0.6008
    //   sum = (188 - 421 - 757)/1260 = -990/1260 = -11/14, the memory part.
    // A's Shapley value is positive: averaged over the orders of arrival, A helps, because the
    // slots it takes attention from are worse for this item.
    const w = [-1, -2, -3];
    const alpha = 0.5;
    const beta = Math.LN2;
    const phi = shapleyValues(w, w, alpha, beta);
    expect(phi[0]).toBeCloseTo(47 / 315, 14);
    expect(phi[1]).toBeCloseTo(-421 / 1260, 14);
    expect(phi[2]).toBeCloseTo(-757 / 1260, 14);

    const intrinsic = 1.3;
    const logit = intrinsic + memoryPart(w, w, alpha, beta);
    const withoutA = intrinsic + game([1, 2], w, w, alpha, beta);
    const z = [4 / 7, 2 / 7, 1 / 7];
    const shareA = alpha * z[0] * w[0];
    expect(shareA).toBeCloseTo(-2 / 7, 14);
    expect(logit - withoutA).toBeCloseTo(8 / 21, 14);
    expect(Math.sign(shareA)).toBe(-1);
    expect(Math.sign(logit - withoutA)).toBe(1);
    expect(phi[0]).toBeGreaterThan(0);
    expect(phi[0] + phi[1] + phi[2]).toBeCloseTo(-11 / 14, 14);
  });

  it('give the same values after a larger K has used the scratch (nothing left over is read)', () => {
    const w = [0.9, -0.4, 1.7, 0.2];
    const d = [-0.3, 1.1, 0.5, -2];
    const before = shapleyValues(w, d, 0.3, 2);
    const rng = new Rng(15);
    const big = Array.from({ length: SHAPLEY_MAX_SLOTS }, () => rng.normal());
    shapleyValues(big, big, 1, 3);
    expect(shapleyValues(w, d, 0.3, 2)).toEqual(before);
  });

  it('handle no memory, one slot, alpha = 0 and beta = 0', () => {
    expect(shapleyValues([], [], 0.2, 1)).toEqual(new Float64Array(0));
    expect(Array.from(shapleyValues([0.3], [-1.5], 0.2, 1))).toEqual([0.2 * -1.5]);
    expect(Array.from(shapleyValues([1, 2, 3], [1, 2, 3], 0, 1))).toEqual([0, 0, 0]);
    // beta = 0: every coalition averages its dots uniformly.
    const phi = shapleyValues([5, -5], [1, 3], 1, 0);
    // v(1) = 1, v(2) = 3, v(12) = 2: phi_1 = (1 + (2 - 3))/2 = 0, phi_2 = (3 + (2 - 1))/2 = 2.
    expect(phi[0]).toBeCloseTo(0, 15);
    expect(phi[1]).toBeCloseTo(2, 15);
  });

  it('reject mismatched lengths, too many slots and non-finite inputs', () => {
    expect(() => shapleyValues([1, 2], [1], 1, 1)).toThrow(RangeError);
    const many = new Array<number>(SHAPLEY_MAX_SLOTS + 1).fill(0);
    expect(() => shapleyValues(many, many, 1, 1)).toThrow(RangeError);
    expect(() => shapleyValues([Number.NaN], [1], 1, 1)).toThrow(RangeError);
    expect(() => shapleyValues([1], [Infinity], 1, 1)).toThrow(RangeError);
    expect(() => shapleyValues([1], [1], Number.NaN, 1)).toThrow(RangeError);
    expect(() => shapleyValues([1e200], [1], 1, 1e200)).toThrow(RangeError);
  });
});
