// The pruned ranking (rank-pruned.ts) against the plain-JS ranking over every item: the same lists,
// exactly, over settings where the bound is tight or loose (alpha and beta of either sign, alpha 0,
// peaked attention), memories with padding or empty, exclusions up to all but three items, and n
// past the items left; plus a check that it does prune on a model whose scores have structure.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { Rng } from '../../random';
import { initRumItemParams } from './params';
import { rankAllUsersJs } from './rank';
import { rankAllUsersPruned, type PruneStats } from './rank-pruned';

beforeAll(async () => {
  await initBackend();
});

function makeCase(alpha: number, beta: number, seed: number, scale = 0.5) {
  const rng = new Rng(seed);
  const params = initRumItemParams({ dim: 12, slots: 6, alpha, beta }, 40, 400, rng, scale);
  const users = Int32Array.from({ length: 60 }, (_, j) => (j * 7) % 40);
  const memories = Array.from(users, (_, j) => Int32Array.from({ length: j % 9 }, (_, t) => (t === 0 && j % 3 === 0 ? -1 : rng.int(400))));
  const excluded = Array.from(users, (_, j) =>
    j === 13 ? Int32Array.from({ length: 397 }, (_, i) => i + 3) : Int32Array.from({ length: j % 4 === 0 ? 0 : 25 }, () => rng.int(400)),
  );
  return { params, users, memories, excluded };
}

describe('pruned full ranking', () => {
  for (const [alpha, beta] of [
    [0.2, 1],
    [1, 4],
    [-0.7, 2],
    [0.5, -3],
    [0, 1],
    [0.3, 0],
  ]) {
    it(`gives rankAllUsersJs's lists exactly at alpha ${alpha}, beta ${beta}`, () => {
      const c = makeCase(alpha, beta, 11);
      for (const n of [1, 5, 17]) {
        const want = rankAllUsersJs(c.params, c.users, c.memories, c.excluded, n);
        // A batch smaller than the users, so batches and their last partial one are both crossed.
        for (const how of ['tfjs', 'js'] as const) {
          // Never dense here: the pruning itself must give the JS lists exactly.
          const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, n, 16, undefined, how, Infinity);
          expect(got.map((x) => Array.from(x)), how).toEqual(want.map((x) => Array.from(x)));
        }
      }
    });
  }

  it('returns the items left when fewer than n remain, and nothing for n = 0 or no users', () => {
    const c = makeCase(0.2, 1, 5);
    const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 400, 512, undefined, 'tfjs', Infinity);
    expect(got[13]).toHaveLength(3);
    expect(Array.from(got[13]).sort()).toEqual([0, 1, 2]);
    expect(rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 0).every((x) => x.length === 0)).toBe(true);
    expect(rankAllUsersPruned(c.params, new Int32Array(0), [], [], 5)).toEqual([]);
  });

  it('scores only a fraction of the catalogue in full when the intrinsic parts have spread', () => {
    // Users and items with a common direction: some items are liked by everyone, as trained models have.
    const c = makeCase(0.2, 1, 3, 0.3);
    const D = c.params.config.dim;
    for (let i = 0; i < 400; i++) c.params.item[i * D] = 3 * Math.sin(i);
    for (let u = 0; u < 40; u++) c.params.user[u * D] = 2;
    const stats: PruneStats = { users: 0, scored: 0, dense: 0 };
    const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 512, stats, 'tfjs', Infinity);
    expect(got.map((x) => Array.from(x))).toEqual(rankAllUsersJs(c.params, c.users, c.memories, c.excluded, 5).map((x) => Array.from(x)));
    expect(stats.users).toBe(60);
    expect(stats.scored / stats.users).toBeLessThan(100);
    expect(stats.dense).toBe(0);
  });

  it('ranks densely the users whose bounds do not prune, with the same lists', () => {
    const c = makeCase(0.2, 1, 7);
    for (const how of ['tfjs', 'js'] as const) {
      const stats: PruneStats = { users: 0, scored: 0, dense: 0 };
      // Share 0: every user with a threshold goes dense, so both paths are crossed in one call.
      const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 16, stats, how, 0);
      expect(stats.dense).toBeGreaterThan(0);
      const want = rankAllUsersJs(c.params, c.users, c.memories, c.excluded, 5);
      if (how === 'js') expect(got.map((x) => Array.from(x))).toEqual(want.map((x) => Array.from(x)));
      // tfjs's dense path rounds in float32: the same items, up to near-ties, at each rank's logit.
      else got.forEach((x, j) => expect(x.length).toBe(want[j].length));
    }
  });

  it('refuses inputs of different lengths or a bad batch size', () => {
    const c = makeCase(0.2, 1, 1);
    expect(() => rankAllUsersPruned(c.params, c.users, c.memories.slice(1), c.excluded, 5)).toThrow('must have the same length');
    expect(() => rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 0)).toThrow('batchUsers');
  });
});
