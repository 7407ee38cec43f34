// The tfjs ranking against the plain-JS one (score.ts), on both backends the tests can load.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { Rng } from '../../random';
import type { RumFeatureParams } from './params';
import { rankAllUsersTf } from './rank-tf';
import { rankAllUsersJs, scoreAllItems } from './score';
import { randomParams } from './test-helpers';

const N_TOP = 10;

function makeCase(alpha: number, slots: number, seed: number) {
  const rng = new Rng(seed);
  const p = randomParams({ dim: 12, slots, alpha, beta: 2 }, 40, 300, seed, 0.5);
  const users = Int32Array.from({ length: 40 }, (_, j) => (j * 7) % 40);
  const memories = Array.from(users, (_, j) => Int32Array.from({ length: j % 9 }, () => (rng.next() < 0.1 ? -1 : rng.int(300))));
  const excluded = Array.from(users, (_, j) =>
    j === 13 ? Int32Array.from({ length: 297 }, (_, i) => i + 3) : Int32Array.from({ length: j % 4 === 0 ? 0 : 20 }, () => rng.int(300)),
  );
  return { p, users, memories, excluded };
}

/** Equal, except that float32 rounding may swap near-ties; their scores must then agree. */
function expectSame(p: RumFeatureParams, c: ReturnType<typeof makeCase>, got: Int32Array[], want: Int32Array[]): void {
  expect(got).toHaveLength(want.length);
  let exact = 0;
  for (let j = 0; j < want.length; j++) {
    expect(got[j].length).toBe(want[j].length);
    if (Array.from(got[j]).join() === Array.from(want[j]).join()) {
      exact++;
      continue;
    }
    const s = scoreAllItems(p, c.users[j], c.memories[j]);
    for (let r = 0; r < want[j].length; r++) expect(Math.abs(s[got[j][r]] - s[want[j][r]])).toBeLessThan(1e-5);
  }
  expect(exact).toBeGreaterThanOrEqual(want.length - 2);
}

describe.each(['cpu', 'wasm'])('feature-level rankAllUsersTf on %s', (backend) => {
  beforeAll(async () => {
    await initBackend();
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([
    ['feature-level RUM', 0.7, 5],
    ['MF (alpha = 0)', 0, 5],
    ['no slots', 0.7, 0],
  ])('equals the JS ranking: %s', (_name, alpha, slots) => {
    const c = makeCase(alpha, slots, 2);
    const want = rankAllUsersJs(c.p, c.users, c.memories, c.excluded, N_TOP);
    for (const batch of [7, 64]) {
      const before = tf.memory().numTensors;
      const got = rankAllUsersTf(c.p, c.users, c.memories, c.excluded, N_TOP, undefined, batch);
      expect(tf.memory().numTensors).toBe(before);
      expectSame(c.p, c, got, want);
    }
    expect(want[13]).toHaveLength(3);
  });

  it('handles n beyond the catalogue and no users', () => {
    const c = makeCase(0.7, 4, 4);
    const got = rankAllUsersTf(c.p, c.users.subarray(0, 3), c.memories.slice(0, 3), c.excluded.slice(0, 3), 1000);
    expect(got.map((r) => r.length)).toEqual(c.excluded.slice(0, 3).map((e) => 300 - new Set(e).size));
    expect(rankAllUsersTf(c.p, new Int32Array(0), [], [], 5)).toEqual([]);
  });
});
