// Feature-level RUM's read and write on a model small enough to follow by hand, and its scorer
// against a slow reference written here from the spec's equations.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { scoreAllItems as scoreMf } from '../rum-item/score';
import { memoryAfter, readCandidate } from './forward';
import { rumFeature } from './index';
import type { RumFeatureParams } from './params';
import { keyAttentionTable, rankAllUsersJs, scoreAllItems, timelineScores } from './score';
import { randomParams } from './test-helpers';
import { featureWeights } from './weights';

const ln2 = Math.log(2);
const ln3 = Math.log(3);

/**
 * D = 2, K = 2, alpha = 1/2, beta = ln 3. Keys f_1 = (1, 0), f_2 = (0, 1); items q_0 = (1, 0),
 * q_1 = (0, 1); user p* = (1, -1). E = [[0, ln 3], [0, 0]], b_e = 0; A = [[ln 2, 0], [0, 0]],
 * b_a = (0, ln 3) (row j of a matrix multiplies q_j: e_d = sigmoid(sum_j E[j][d] q_j + b_e[d])).
 */
function handModel(): RumFeatureParams<Float64Array> {
  return {
    config: { dim: 2, slots: 2, alpha: 0.5, beta: ln3 },
    nUsers: 1,
    nItems: 2,
    item: Float64Array.of(1, 0, 0, 1),
    user: Float64Array.of(1, -1),
    keys: Float64Array.of(1, 0, 0, 1),
    erase: Float64Array.of(0, ln3, 0, 0),
    eraseBias: Float64Array.of(0, 0),
    add: Float64Array.of(ln2, 0, 0, 0),
    addBias: Float64Array.of(0, ln3),
  };
}

describe('feature-level RUM forward, by hand', () => {
  const p = handModel();

  it('reads nothing from the empty memory: the logit is p* . q', () => {
    const r = readCandidate(p, 0, memoryAfter(p, []), 0);
    expect(r.logit).toBe(1);
    expect(r.memoryTerm).toBe(0);
  });

  it('writes purchase 0, then reads it with candidate 0', () => {
    // Write q_0 = (1, 0): w = (q_0 . f_1, q_0 . f_2) = (1, 0); beta w = (ln 3, 0); z = (3/4, 1/4).
    // e = sigmoid(E^T q_0 + b_e) = sigmoid((E[0][0], E[0][1])) = sigmoid((0, ln 3)) = (1/2, 3/4).
    // a = tanh(A^T q_0 + b_a) = tanh((ln 2, 0 + ln 3)) = (0.6, 0.8)   [tanh ln x = (x^2 - 1)/(x^2 + 1)].
    // M starts at 0, so the erase changes nothing: m_k = z_k a -> m_1 = (0.45, 0.6), m_2 = (0.15, 0.2).
    const M = memoryAfter(p, [0]);
    expectClose(M, [0.45, 0.6, 0.15, 0.2]);
    // Read with q_0: z = (3/4, 1/4) again; m . q_0 = (0.45, 0.15); sum z (m . q) = 0.3375 + 0.0375 = 0.375;
    // logit = p* . q_0 + alpha 0.375 = 1 + 0.1875 = 1.1875.
    const r = readCandidate(p, 0, M, 0);
    expectClose(r.attention, [0.75, 0.25]);
    expectClose(r.keyDots, [1, 0]);
    expectClose(r.valueDots, [0.45, 0.15]);
    expectClose(r.slotShare, [0.16875, 0.01875]);
    expect(r.intrinsic).toBe(1);
    expect(r.logit).toBeCloseTo(1.1875, 14);
  });

  it('then writes purchase 1 (erase, then add) and reads both candidates', () => {
    // Write q_1 = (0, 1): w = (0, 1), beta w = (0, ln 3), z = (1/4, 3/4).
    // e = sigmoid((E[1][0], E[1][1]) + b_e) = sigmoid((0, 0)) = (1/2, 1/2); a = tanh((A[1][0], A[1][1]) + b_a) = tanh((0, ln 3)) = (0, 0.8).
    // m_1 = (0.45, 0.6) * (1 - 1/4 * 1/2) + 1/4 (0, 0.8) = (0.39375, 0.525) + (0, 0.2) = (0.39375, 0.725)
    // m_2 = (0.15, 0.2) * (1 - 3/4 * 1/2) + 3/4 (0, 0.8) = (0.09375, 0.125) + (0, 0.6) = (0.09375, 0.725)
    const M = memoryAfter(p, [0, 1]);
    expectClose(M, [0.39375, 0.725, 0.09375, 0.725]);
    // Candidate 0: z = (3/4, 1/4), m . q_0 = (0.39375, 0.09375): 0.2953125 + 0.0234375 = 0.31875;
    // logit = 1 + 0.5 * 0.31875 = 1.159375.
    expect(readCandidate(p, 0, M, 0).logit).toBeCloseTo(1.159375, 14);
    // Candidate 1: p* . q_1 = -1; z = (1/4, 3/4); m . q_1 = (0.725, 0.725): 0.725; logit = -1 + 0.3625 = -0.6375.
    const r1 = readCandidate(p, 0, M, 1);
    expectClose(r1.attention, [0.25, 0.75]);
    expect(r1.logit).toBeCloseTo(-0.6375, 14);
    // Padding in the history is skipped.
    expectClose(memoryAfter(p, [-1, 0, -1, 1]), [0.39375, 0.725, 0.09375, 0.725]);
  });

  it('scores every item the same way in float32 weights', () => {
    const w = featureWeights('rum-feature', { ...p, item: f32(p.item), user: f32(p.user), keys: f32(p.keys), erase: f32(p.erase), eraseBias: f32(p.eraseBias), add: f32(p.add), addBias: f32(p.addBias) });
    const s = rumFeature.score(w, 0, [0, 1]);
    expect(s[0]).toBeCloseTo(1.159375, 6);
    expect(s[1]).toBeCloseTo(-0.6375, 6);
  });
});

describe('feature-level RUM scorer', () => {
  it('with alpha = 0 gives exactly MF scores, p* . q (rum-item with no memory)', () => {
    const p = randomParams({ dim: 7, slots: 4, alpha: 0, beta: 2 }, 3, 30, 11);
    for (let u = 0; u < 3; u++) {
      const mf = scoreMf({ config: { dim: 7, slots: 0, alpha: 0, beta: 2 }, nUsers: 3, nItems: 30, item: p.item, user: p.user }, u, []);
      expect(Array.from(scoreAllItems(p, u, [3, 5, 9, 5]))).toEqual(Array.from(mf));
      expect(Array.from(rumFeature.score(featureWeights('rum-feature', p), u, [1, 2]))).toEqual(Array.from(mf));
    }
  });

  for (const [D, K] of [
    [5, 3],
    [8, 20],
    [3, 0],
  ] as const) {
    it(`equals a slow reference forward (D = ${D}, K = ${K}), with and without the catalogue's attention table`, () => {
      const p = randomParams({ dim: D, slots: K, alpha: 0.3, beta: 1.7 }, 4, 25, D * 100 + K, 0.4);
      const rng = new Rng(5);
      const Z = keyAttentionTable(p);
      for (let u = 0; u < 4; u++) {
        const history = Array.from({ length: 3 + 4 * u }, () => (rng.next() < 0.15 ? -1 : rng.int(25)));
        const fast = scoreAllItems(p, u, history);
        expect(Array.from(scoreAllItems(p, u, history, undefined, Z))).toEqual(Array.from(fast));
        for (let i = 0; i < 25; i++) expect(Math.abs(fast[i] - slowLogit(p, u, history, i))).toBeLessThan(1e-5);
      }
    });
  }

  it('walks a timeline with the memory carried from step to step, as scoring each prefix', () => {
    const p = randomParams({ dim: 4, slots: 3, alpha: 0.5, beta: 1 }, 2, 12, 3);
    const items = Int32Array.of(4, 1, 7, 7, 0, 11);
    const walk = timelineScores(p, 1, items);
    const out = new Float32Array(12);
    for (const t of [0, 1, 2, 3, 6, 2, 5]) expect(Array.from(walk(t, out))).toEqual(Array.from(scoreAllItems(p, 1, items.subarray(0, t))));
  });

  it('ranks by its scores, skipping excluded items', () => {
    const p = randomParams({ dim: 4, slots: 3, alpha: 0.8, beta: 1 }, 3, 40, 8);
    const histories = [Int32Array.of(1, 2, 3), Int32Array.of(), Int32Array.of(5, 5, 9, 30)];
    const excluded = [Int32Array.of(1, 2, 3), Int32Array.of(), Int32Array.of(5, 9, 30)];
    const top = rankAllUsersJs(p, Int32Array.of(0, 1, 2), histories, excluded, 6);
    for (let j = 0; j < 3; j++) {
      const s = scoreAllItems(p, j, histories[j]);
      const want = Array.from(s.keys()).filter((i) => !excluded[j].includes(i)).sort((a, b) => s[b] - s[a] || a - b).slice(0, 6);
      expect(Array.from(top[j])).toEqual(want);
    }
  });
});

/** The spec's equations, directly: plain arrays, the softmax without any shift. */
function slowLogit(p: RumFeatureParams, u: number, history: number[], i: number): number {
  const { dim: D, slots: K, alpha, beta } = p.config;
  const row = (t: ArrayLike<number>, r: number) => Array.from({ length: D }, (_, d) => t[r * D + d]);
  const dot = (a: number[], b: number[]) => a.reduce((s, x, d) => s + x * b[d], 0);
  const F = Array.from({ length: K }, (_, k) => row(p.keys, k));
  const attend = (q: number[]) => {
    const ex = F.map((f) => Math.exp(beta * dot(q, f)));
    const sum = ex.reduce((s, x) => s + x, 0);
    return ex.map((x) => x / sum);
  };
  const M = Array.from({ length: K }, () => new Array<number>(D).fill(0));
  for (const v of history) {
    if (v < 0) continue;
    const q = row(p.item, v);
    const z = attend(q);
    const e = Array.from({ length: D }, (_, d) => 1 / (1 + Math.exp(-(p.eraseBias[d] + q.reduce((s, qj, j) => s + p.erase[j * D + d] * qj, 0)))));
    const a = Array.from({ length: D }, (_, d) => Math.tanh(p.addBias[d] + q.reduce((s, qj, j) => s + p.add[j * D + d] * qj, 0)));
    for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) M[k][d] = M[k][d] * (1 - z[k] * e[d]) + z[k] * a[d];
  }
  const q = row(p.item, i);
  const z = attend(q);
  const pm = Array.from({ length: D }, (_, d) => M.reduce((s, m, k) => s + z[k] * m[d], 0));
  const pu = row(p.user, u).map((x, d) => x + alpha * pm[d]);
  return dot(pu, q);
}

function f32(a: Float64Array): Float32Array {
  return Float32Array.from(a);
}

function expectClose(got: ArrayLike<number>, want: number[]): void {
  expect(got.length).toBe(want.length);
  for (let k = 0; k < want.length; k++) expect(got[k], `[${k}]`).toBeCloseTo(want[k], 13);
}
