// The minimal counterfactual against brute force: on small memories (K = 5), the set found takes
// the item out of the top N when the history without those purchases is scored independently
// (scoreAllItems on the last K purchases left, ranks among the items still bought before the
// step), and no smaller set does (every smaller set tried the same independent way). Histories
// longer than K (older purchases slide in), shorter ones, and repeated items (a removed item
// ranked again, or not when bought twice) are all exercised.
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { initRumItemParams } from '../model/rum-item/params';
import { scoreAllItems } from '../model/rum-item/score';
import { memoryBefore } from '../model/memory';
import { topN } from '../eval/top-n';
import { rumStepReader } from '../model/rum-item/step-scores';
import { minimalRemoval, removalGame, setRanker } from './minimal-removal';

const K = 5;
const N = 3;
const ITEMS = 40;
// Peaked attention and a strong memory part, so that removing purchases does move items.
const params = initRumItemParams({ dim: 6, slots: K, alpha: 2, beta: 3 }, 12, ITEMS, new Rng(4), 0.8);

function subsets(L: number, size: number): number[][] {
  const out: number[][] = [];
  const walk = (from: number, acc: number[]) => {
    if (acc.length === size) return void out.push(acc.slice());
    for (let k = from; k < L; k++) walk(k + 1, [...acc, k]);
  };
  walk(0, []);
  return out;
}

/** The item's rank with the memory slots of `set` removed from the history, scored from scratch. */
function independentRank(user: number, history: number[], set: number[], item: number): number {
  const L = Math.min(K, history.length);
  const removed = new Set(set.map((k) => history.length - L + k));
  const left = history.filter((_, t) => !removed.has(t));
  const scores = scoreAllItems(params, user, memoryBefore(Int32Array.from(left), left.length, K));
  const bought = new Set(left);
  let r = 1;
  for (let j = 0; j < ITEMS; j++) if (j !== item && !bought.has(j) && (scores[j] > scores[item] || (scores[j] === scores[item] && j < item))) r++;
  return r;
}

describe('minimal removal', () => {
  const rng = new Rng(9);

  it('finds a set whose removal from the history takes the item out of the top N, and no smaller set does', () => {
    let found = 0;
    let slid = 0;
    for (let user = 0; user < 12; user++) {
      // Steps 3 (shorter than K), 5 (exactly K) and 9 (older purchases slide in); a small catalogue, so items repeat.
      const items = Int32Array.from({ length: 12 }, () => rng.int(ITEMS / 2));
      for (const step of [3, 5, 9]) {
        const read = rumStepReader(params, user, items);
        // Every set size up to the whole memory, so that "no smaller set" is checked against all of them.
        const game = removalGame(read, items, step, ITEMS, K);
        expect(game.older).toBe(Math.max(0, step - K));
        const history = Array.from(items.subarray(0, step));
        const excluded = Uint8Array.from(game.bought, (c) => (c > 0 ? 1 : 0));
        const L = Math.min(K, step);
        for (const item of topN(read(step).scores.logit, N, excluded)) {
          const r = minimalRemoval(game, item, N);
          for (let size = 1; size < (r.slots?.length ?? L + 1); size++) {
            for (const s of subsets(L, size)) expect(independentRank(user, history, s, item)).toBeLessThanOrEqual(N);
          }
          if (r.slots === null) continue;
          found++;
          if (game.older > 0) slid++;
          expect(independentRank(user, history, r.slots, item)).toBe(r.rankWithout);
          expect(r.rankWithout!).toBeGreaterThan(N);
        }
      }
    }
    // The cases must really be exercised.
    expect(found).toBeGreaterThan(10);
    expect(slid).toBeGreaterThan(3);
  });

  it('ranks every item after every removal of one or two slots as a re-score of the shorter history does', () => {
    let reranked = 0;
    for (let user = 0; user < 4; user++) {
      const items = Int32Array.from({ length: 12 }, () => rng.int(ITEMS / 2));
      const read = rumStepReader(params, user, items);
      const game = removalGame(read, items, 9, ITEMS, 2);
      const rank = setRanker(game);
      const history = Array.from(items.subarray(0, 9));
      for (const set of [...subsets(K, 1), ...subsets(K, 2)]) {
        for (let item = 0; item < ITEMS; item++) expect(rank(set, item)).toBe(independentRank(user, history, set, item));
        // A removed purchase bought nowhere else before the step is ranked again.
        reranked += set.filter((k) => history.filter((x) => x === history[4 + k]).length === 1).length;
      }
    }
    expect(reranked).toBeGreaterThan(0);
  });

  it('stops at the size limit and says how far it searched', () => {
    const items = Int32Array.from({ length: 12 }, () => rng.int(ITEMS));
    const read = rumStepReader(params, 1, items);
    const game = removalGame(read, items, 9, ITEMS, 2);
    const excluded = Uint8Array.from(game.bought, (c) => (c > 0 ? 1 : 0));
    const top = topN(read(9).scores.logit, 1, excluded)[0];
    const r = minimalRemoval(game, top, ITEMS - 1);
    // n = every item: nothing can push the best item out.
    expect(r.slots).toBeNull();
    expect(r.searchedUpTo).toBe(2);
    expect(r.checked).toBe(5 + 10);
  });
});
