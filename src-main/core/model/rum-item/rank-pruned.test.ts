// The pruned ranking (rank-pruned.ts) against the plain-JS ranking over every item: the same lists,
// exactly, over settings where the bound is tight or loose (alpha and beta of either sign, alpha 0,
// peaked attention), memories with padding or empty, exclusions (repeated, of the best items, up to
// all but three items), ties, near-ties within the float32 matMul's rounding, non-finite rows, n past
// the items left, catalogues of one chunk and of several, and tables changed in place between
// calls; the metrics of an evaluation equal those of ranking every item; and it does prune on
// models whose scores have structure.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../engine/backend';
import { timeOrderedSplit } from '../../dataset/split';
import { generateSequentialLog } from '../../dataset/synthetic-log';
import { Rng } from '../../random';
import { ExampleSampler, fitEnds } from '../../train/examples';
import { evaluateSplit } from '../../train/protocol';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch } from './kernel';
import { initRumItemParams, type RumItemParams } from './params';
import { rankAllUsersJs } from './rank';
import { rankAllUsersPruned, type PruneStats } from './rank-pruned';

beforeAll(async () => {
  await initBackend();
});

interface Case {
  params: RumItemParams;
  users: Int32Array;
  memories: Int32Array[];
  excluded: Int32Array[];
}

function makeCase(alpha: number, beta: number, seed: number, scale = 0.5, items = 400): Case {
  const rng = new Rng(seed);
  const params = initRumItemParams({ dim: 12, slots: 6, alpha, beta }, 40, items, rng, scale);
  const users = Int32Array.from({ length: 60 }, (_, j) => (j * 7) % 40);
  // Memories of 0 to 8 entries, some led by padding; user 5's is padding only.
  const memories = Array.from(users, (_, j) =>
    j === 5 ? Int32Array.from([-1, -1]) : Int32Array.from({ length: j % 9 }, (_, t) => (t === 0 && j % 3 === 0 ? -1 : rng.int(items))),
  );
  const excluded = Array.from(users, (_, j) =>
    j === 13
      ? Int32Array.from({ length: items - 3 }, (_, i) => i + 3)
      : Int32Array.from({ length: j % 4 === 0 ? 0 : 25 }, () => rng.int(items)),
  );
  return { params, users, memories, excluded };
}

const lists = (x: Int32Array[]) => x.map((l) => Array.from(l));

/** Both paths (bounds by tfjs matMul and by JS), never dense, with small batches, against rankAllUsersJs. */
function expectExact(c: Case, ns = [1, 5, 17], batch = 16): void {
  for (const n of ns) {
    const want = lists(rankAllUsersJs(c.params, c.users, c.memories, c.excluded, n));
    for (const how of ['tfjs', 'js'] as const) {
      const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, n, batch, undefined, how, Infinity);
      expect(lists(got), `${how}, n ${n}`).toEqual(want);
    }
  }
}

describe('pruned full ranking', () => {
  for (const [alpha, beta] of [
    [0.2, 1],
    [1, 4],
    [-0.7, 2],
    [0.5, -3],
    [0, 1],
    [0.3, 0],
    [-0.4, -1],
  ]) {
    it(`gives rankAllUsersJs's lists exactly at alpha ${alpha}, beta ${beta}`, () => {
      expectExact(makeCase(alpha, beta, 11));
    });
  }

  it('gives the same lists over a catalogue of several chunks, untrained and structured', () => {
    // 3000 items: chunks of 256, 512, 1024 and the rest, crossed by users that need all of them.
    expectExact(makeCase(0.2, 1, 21, 0.5, 3000), [1, 5, 40], 7);
    const c = makeCase(-0.3, 2, 22, 0.3, 3000);
    const D = c.params.config.dim;
    for (let i = 0; i < 3000; i++) c.params.item[i * D] = 3 * Math.sin(i);
    for (let u = 0; u < 40; u++) c.params.user[u * D] = u % 2 ? 2 : -2;
    expectExact(c, [5, 40], 7);
  });

  it('breaks ties by the lower item, across chunk ends, as scoring every item does', () => {
    // 700 copies of one row with the largest norm: equal logits over the first chunks' ends.
    const c = makeCase(0.2, 1, 31, 0.3, 1500);
    const D = c.params.config.dim;
    for (let i = 0; i < 1500; i += 2) for (let d = 0; d < D; d++) c.params.item[i * D + d] = d === 0 ? 2 : 0.5;
    expectExact(c, [1, 5, 300]);
    // With alpha 0 too (no memory read at all).
    c.params.config.alpha = 0;
    expectExact(c, [5]);
  });

  it('gives the same lists when logits differ by less than the float32 matMul rounds', () => {
    // Items a hair apart (1e-7 relative) and large logits: a bound without its margin would cut good items.
    const c = makeCase(0.2, 1, 41, 1, 2000);
    const D = c.params.config.dim;
    const rng = new Rng(5);
    for (let i = 0; i < 2000; i++) for (let d = 0; d < D; d++) c.params.item[i * D + d] = (d % 3 === 0 ? 3 : 1) * (1 + 1e-7 * rng.normal());
    for (let u = 0; u < 40; u++) for (let d = 0; d < D; d++) c.params.user[u * D + d] = 4 + 1e-3 * d;
    expectExact(c, [5, 50]);
  });

  it('excludes items bought before, even the best ones and repeated ones', () => {
    const c = makeCase(0.2, 1, 51, 0.5, 1200);
    const best = rankAllUsersJs(c.params, c.users, c.memories, c.excluded.map(() => new Int32Array(0)), 8);
    c.excluded = best.map((b, j) => Int32Array.from([...b.subarray(0, 6), b[0], b[2], ...c.excluded[j]]));
    expectExact(c, [5]);
    const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5);
    got.forEach((l, j) => l.forEach((i) => expect(c.excluded[j]).not.toContain(i)));
  });

  it('scores non-finite rows as scoring every item does', () => {
    const c = makeCase(0.2, 1, 61, 0.5, 800);
    const D = c.params.config.dim;
    c.params.item[17 * D + 3] = NaN;
    c.params.item[500 * D] = Infinity;
    c.params.user[7 * D + 1] = NaN;
    expectExact(c, [5]);
  });

  it('reads a table changed in place since the last call, not the items it sorted then', () => {
    const c = makeCase(0.2, 1, 71, 0.5, 1000);
    expectExact(c, [5]);
    const D = c.params.config.dim;
    for (let i = 0; i < 1000; i++) c.params.item[i * D + 2] = Math.cos(i) * 2;
    expectExact(c, [5]);
  });

  it('returns the items left when fewer than n remain, and nothing for n = 0 or no users', () => {
    const c = makeCase(0.2, 1, 5);
    const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 400, 512, undefined, 'tfjs', Infinity);
    expect(got[13]).toHaveLength(3);
    expect(Array.from(got[13]).sort()).toEqual([0, 1, 2]);
    expect(lists(got)).toEqual(lists(rankAllUsersJs(c.params, c.users, c.memories, c.excluded, 400)));
    expect(rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 0).every((x) => x.length === 0)).toBe(true);
    expect(rankAllUsersPruned(c.params, new Int32Array(0), [], [], 5)).toEqual([]);
  });

  it('scores and reads only a fraction of the catalogue when the scores have structure', () => {
    // Items with a common direction, of varied norms: some are liked by everyone, as trained models have.
    const c = makeCase(0.2, 1, 3, 0.3, 3000);
    const D = c.params.config.dim;
    for (let i = 0; i < 3000; i++) c.params.item[i * D] = 3 * Math.sin(i) * (1 + (i % 5));
    for (let u = 0; u < 40; u++) c.params.user[u * D] = 2;
    for (const how of ['tfjs', 'js'] as const) {
      const stats: PruneStats = { users: 0, scored: 0, dense: 0 };
      const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 512, stats, how, Infinity);
      expect(lists(got)).toEqual(lists(rankAllUsersJs(c.params, c.users, c.memories, c.excluded, 5)));
      expect(stats.users).toBe(60);
      expect(stats.scored / stats.users).toBeLessThan(60);
      expect(stats.scanned! / stats.users).toBeLessThan(1500);
      expect(stats.dense).toBe(0);
    }
  });

  it('ranks densely on tfjs the users whose bounds do not prune; in JS it never needs to', () => {
    const c = makeCase(0.2, 1, 7);
    const want = rankAllUsersJs(c.params, c.users, c.memories, c.excluded, 5);
    // Share 0: every user with more than n items to score goes dense.
    const stats: PruneStats = { users: 0, scored: 0, dense: 0 };
    const got = rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 16, stats, 'tfjs', 0);
    expect(stats.dense).toBeGreaterThan(0);
    // tfjs's dense path rounds in float32: the same items, up to near-ties, at each rank's logit.
    got.forEach((x, j) => expect(x.length).toBe(want[j].length));
    const js: PruneStats = { users: 0, scored: 0, dense: 0 };
    expect(lists(rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 16, js, 'js', 0))).toEqual(lists(want));
    expect(js.dense).toBe(0);
  });

  it('gives the metrics of ranking every item on a trained model, test and validation', () => {
    const split = timeOrderedSplit(generateSequentialLog({ users: 300, items: 900, events: 9000, seed: 4 }));
    const K = 8;
    const rng = new Rng(2);
    const params = initRumItemParams({ dim: 16, slots: K, alpha: 0.3, beta: 1 }, split.sequences.length, split.itemOf.length, rng);
    const fitEnd = fitEnds(split, 10);
    const sampler = new ExampleSampler(split, fitEnd, K, 1);
    const batch = createRumItemBatch(256, K, 2);
    const adam = new SparseAdam(params, { lr: 0.02 });
    const scratch = new RumItemScratch(params, 256, 2);
    for (let epoch = 0; epoch < 3; epoch++) {
      const order = sampler.order(rng);
      for (let b = 0; b < sampler.size; b += 256) {
        sampler.fill(batch, order, b, Math.min(sampler.size, b + 256), rng);
        trainBatch(params, batch, adam, 1e-4, scratch);
      }
    }
    for (const part of ['test', { validationFitEnd: fitEnd }] as const) {
      const want = evaluateSplit(split, (u, m, x, n) => rankAllUsersJs(params, u, m, x, n), 10, K, part);
      for (const how of ['tfjs', 'js'] as const) {
        const stats: PruneStats = { users: 0, scored: 0, dense: 0 };
        const got = evaluateSplit(split, (u, m, x, n) => rankAllUsersPruned(params, u, m, x, n, 64, stats, how, Infinity), 10, K, part);
        expect(got).toEqual(want);
        expect(stats.scored / stats.users).toBeLessThan(split.itemOf.length / 2);
      }
    }
  });

  it('refuses inputs of different lengths or a bad batch size', () => {
    const c = makeCase(0.2, 1, 1);
    expect(() => rankAllUsersPruned(c.params, c.users, c.memories.slice(1), c.excluded, 5)).toThrow('must have the same length');
    expect(() => rankAllUsersPruned(c.params, c.users, c.memories, c.excluded, 5, 0)).toThrow('batchUsers');
  });
});
