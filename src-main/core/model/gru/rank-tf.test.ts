// The tfjs ranking against the plain JS one (score.ts), on the cpu and wasm backends.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { Rng } from '../../random';
import { initGruParams } from './params';
import { rankAllUsersTf } from './rank-tf';
import { rankAllUsers, scoreAllItems } from './score';

const N = 300;
const params = initGruParams(16, N, new Rng(3), 0.5);
const rng = new Rng(8);
const users = Int32Array.from({ length: 50 }, (_, j) => j);
const memories = Array.from(users, (_, j) => Int32Array.from({ length: j % 9 }, (_, t) => (t === 2 ? -1 : rng.int(N))));
// Some users have nothing excluded, one has all but three items excluded.
const excluded = Array.from(users, (_, j) =>
  j === 13 ? Int32Array.from({ length: N - 3 }, (_, i) => i + 3) : Int32Array.from({ length: j % 4 === 0 ? 0 : 20 }, () => rng.int(N)),
);

/** Equal, except that float32 rounding may swap items whose scores tie to ~1e-6; their scores must still agree. */
function expectSameRanking(got: Int32Array[], want: Int32Array[]): void {
  expect(got).toHaveLength(want.length);
  let exact = 0;
  for (let j = 0; j < want.length; j++) {
    expect(got[j].length).toBe(want[j].length);
    const ex = new Set(excluded[j]);
    for (const i of got[j]) expect(ex.has(i)).toBe(false);
    if (Array.from(got[j]).join() === Array.from(want[j]).join()) {
      exact++;
      continue;
    }
    const scores = scoreAllItems(params, memories[j]);
    for (let r = 0; r < want[j].length; r++) expect(Math.abs(scores[got[j][r]] - scores[want[j][r]])).toBeLessThan(1e-5);
  }
  expect(exact).toBeGreaterThanOrEqual(want.length - 2);
}

describe.each(['cpu', 'wasm'])('GRU rankAllUsersTf on %s', (backend) => {
  beforeAll(async () => {
    await initBackend();
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('equals the JS ranking at any batch size, leaking no tensors', () => {
    const want = rankAllUsers(params)(users, memories, excluded, 10);
    expect(want[13]).toHaveLength(3);
    for (const batch of [7, 32, 64]) {
      const before = tf.memory().numTensors;
      expectSameRanking(rankAllUsersTf(params, batch)(users, memories, excluded, 10), want);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('handles n beyond the catalogue and no users', () => {
    const got = rankAllUsersTf(params)(users.subarray(0, 3), memories.slice(0, 3), excluded.slice(0, 3), 1000);
    expect(got.map((r) => r.length)).toEqual(excluded.slice(0, 3).map((e) => N - new Set(e).size));
    expect(rankAllUsersTf(params)(new Int32Array(0), [], [], 5)).toEqual([]);
  });
});
