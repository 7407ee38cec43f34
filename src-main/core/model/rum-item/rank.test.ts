import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { initRumItemParams, type RumItemParams } from './params';
import { scoreAllItems } from './score';
import { initBackend } from '../../../engine/backend';
import { rankAllUsersJs, rankAllUsersTf } from './rank';

const K = 5;
const N_TOP = 10;

interface Case {
  params: RumItemParams;
  users: Int32Array;
  memories: Int32Array[];
  excluded: Int32Array[];
}

function makeCase(alpha: number, beta: number, seed: number): Case {
  const rng = new Rng(seed);
  // Scale 0.5 makes the attention peaked enough that a masking or softmax-axis slip changes ranks.
  const params = initRumItemParams({ dim: 16, slots: K, alpha, beta }, 50, 300, rng, 0.5);
  const users = Int32Array.from({ length: 50 }, (_, j) => (j * 7) % 50);
  const memories = Array.from(users, (_, j) => Int32Array.from({ length: j % (K + 1) }, () => rng.int(300)));
  // Some users have nothing excluded, one has all but three items excluded.
  const excluded = Array.from(users, (_, j) =>
    j === 13 ? Int32Array.from({ length: 297 }, (_, i) => i + 3) : Int32Array.from({ length: j % 4 === 0 ? 0 : 20 }, () => rng.int(300)),
  );
  return { params, users, memories, excluded };
}

/**
 * Equal, except that float32 rounding may swap items whose logits tie to ~1e-6; then the logits at
 * that rank must still agree, so a wrong item would still be caught.
 */
function expectSameRanking(c: Case, got: Int32Array[], want: Int32Array[]): void {
  expect(got).toHaveLength(want.length);
  let exact = 0;
  for (let j = 0; j < want.length; j++) {
    expect(got[j].length).toBe(want[j].length);
    const ex = new Set(c.excluded[j]);
    for (const i of got[j]) expect(ex.has(i)).toBe(false);
    expect(new Set(got[j]).size).toBe(got[j].length);
    if (Array.from(got[j]).join() === Array.from(want[j]).join()) {
      exact++;
      continue;
    }
    const scores = scoreAllItems(c.params, c.users[j], c.memories[j]);
    for (let r = 0; r < want[j].length; r++) expect(Math.abs(scores[got[j][r]] - scores[want[j][r]])).toBeLessThan(1e-5);
  }
  expect(exact).toBeGreaterThanOrEqual(want.length - 2);
}

describe('rankAllUsersJs', () => {
  it('returns the best non-excluded items, best first', () => {
    const c = makeCase(0.6, 2, 1);
    const ranked = rankAllUsersJs(c.params, c.users, c.memories, c.excluded, N_TOP);
    for (let j = 0; j < c.users.length; j++) {
      const scores = scoreAllItems(c.params, c.users[j], c.memories[j]);
      const ex = new Set(c.excluded[j]);
      const order = Array.from(scores.keys())
        .filter((i) => !ex.has(i))
        .sort((a, b) => scores[b] - scores[a] || a - b);
      expect(Array.from(ranked[j])).toEqual(order.slice(0, N_TOP));
    }
    expect(ranked[13]).toHaveLength(3);
  });
});

describe.each(['cpu', 'wasm'])('rankAllUsersTf on %s', (backend) => {
  beforeAll(async () => {
    await initBackend();
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([
    ['RUM', 0.6, 2],
    ['RUM with beta = 0 (uniform attention)', 0.6, 0],
    ['MF (alpha = 0)', 0, 2],
  ])('equals the JS ranking: %s', (_name, alpha, beta) => {
    const c = makeCase(alpha, beta, 2);
    const want = rankAllUsersJs(c.params, c.users, c.memories, c.excluded, N_TOP);
    for (const batch of [7, 32, 64]) {
      const before = tf.memory().numTensors;
      const got = rankAllUsersTf(c.params, c.users, c.memories, c.excluded, N_TOP, batch);
      expect(tf.memory().numTensors).toBe(before);
      expectSameRanking(c, got, want);
    }
  });

  it('reads padding and over-long memories as the JS path does', () => {
    const c = makeCase(0.6, 2, 3);
    c.memories = c.memories.map((m, j) => (j % 2 ? Int32Array.from([-1, ...m, -1, 5, 6, 7, 8, 9, 10]) : m));
    expectSameRanking(c, rankAllUsersTf(c.params, c.users, c.memories, c.excluded, N_TOP), rankAllUsersJs(c.params, c.users, c.memories, c.excluded, N_TOP));
  });

  it('handles n beyond the catalogue and no users', () => {
    const c = makeCase(0.6, 2, 4);
    const got = rankAllUsersTf(c.params, c.users.subarray(0, 3), c.memories.slice(0, 3), c.excluded.slice(0, 3), 1000);
    expect(got.map((r) => r.length)).toEqual(c.excluded.slice(0, 3).map((e) => 300 - new Set(e).size));
    expect(rankAllUsersTf(c.params, new Int32Array(0), [], [], 5)).toEqual([]);
  });
});
