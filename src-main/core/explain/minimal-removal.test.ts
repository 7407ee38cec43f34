// The minimal counterfactual against brute force: on small memories (K = 5), the set found takes
// the item out of the top N when scored independently (scoreAllItems on the memory without those
// purchases), and no smaller set does (every smaller set tried the same independent way).
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { initRumItemParams } from '../model/rum-item/params';
import { scoreAllItems } from '../model/rum-item/score';
import { memoryBefore } from '../model/memory';
import { topN } from '../eval/top-n';
import { rumStepReader } from '../model/rum-item/step-scores';
import { minimalRemoval } from './minimal-removal';

function rankOfItem(scores: Float32Array, item: number, excluded: Uint8Array): number {
  let r = 1;
  for (let j = 0; j < scores.length; j++) if (j !== item && !excluded[j] && (scores[j] > scores[item] || (scores[j] === scores[item] && j < item))) r++;
  return r;
}

function subsets(L: number, size: number): number[][] {
  if (size === 0) return [[]];
  const out: number[][] = [];
  const walk = (from: number, acc: number[]) => {
    if (acc.length === size) return void out.push(acc.slice());
    for (let k = from; k < L; k++) walk(k + 1, [...acc, k]);
  };
  walk(0, []);
  return out;
}

describe('minimal removal', () => {
  const K = 5;
  const N = 3;
  // Peaked attention and a strong memory part, so that removing purchases does move items.
  const params = initRumItemParams({ dim: 6, slots: K, alpha: 2, beta: 3 }, 8, 60, new Rng(4), 0.8);
  const rng = new Rng(9);

  it('finds a set that takes the item out of the top N, and no smaller set does', () => {
    let found = 0;
    for (let user = 0; user < 8; user++) {
      const items = Int32Array.from({ length: 12 }, () => rng.int(60));
      const step = 9;
      const { scores } = rumStepReader(params, user, items)(step);
      const excluded = new Uint8Array(60);
      for (let t = 0; t < step; t++) excluded[items[t]] = 1;
      const memory = memoryBefore(items, step, K);
      const independent = (set: number[]) => scoreAllItems(params, user, Int32Array.from(Array.from(memory).filter((_, k) => !set.includes(k))));
      for (const item of topN(scores.logit, N, excluded)) {
        const r = minimalRemoval(scores, item, excluded, N, K);
        if (r.slots === null) {
          // Nothing takes it out: not even every slot removed.
          for (let size = 1; size <= K; size++) for (const s of subsets(K, size)) expect(rankOfItem(independent(s), item, excluded)).toBeLessThanOrEqual(N);
          continue;
        }
        found++;
        expect(rankOfItem(independent(r.slots), item, excluded)).toBe(r.rankWithout);
        expect(r.rankWithout!).toBeGreaterThan(N);
        for (let size = 1; size < r.slots.length; size++) for (const s of subsets(K, size)) expect(rankOfItem(independent(s), item, excluded)).toBeLessThanOrEqual(N);
      }
    }
    // The case must really be exercised.
    expect(found).toBeGreaterThan(5);
  });

  it('stops at the size limit and says how far it searched', () => {
    const items = Int32Array.from({ length: 12 }, () => rng.int(60));
    const { scores } = rumStepReader(params, 1, items)(9);
    const excluded = new Uint8Array(60);
    const top = topN(scores.logit, 1, excluded)[0];
    const r = minimalRemoval(scores, top, excluded, 59, 2);
    // n = 59 of 60 items: nothing can push the best item out.
    expect(r.slots).toBeNull();
    expect(r.searchedUpTo).toBe(2);
    expect(r.checked).toBe(5 + 10);
  });
});
