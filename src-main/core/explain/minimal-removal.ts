// The minimal counterfactual (issue 14 item 2): for an item in the top N at a step, the smallest
// set of the memory's slots whose removal takes it out of the top N. Removal is the explanations'
// own "without it" (the softmax re-taken over the slots left, StepScores), for a set at once.
// The search is exact and exhaustive by size: every set of one slot, then of two, ... up to
// `maxSize` (default 3: at K = 20 that is 1,350 sets, each a pass over the catalogue), so the set
// returned is a smallest one within that size, the first in slot order among equals; past
// `maxSize`, or when even the whole memory removed leaves it in, the answer says so.
import type { StepScores } from '../model/step-scores';

export const MINIMAL_MAX_SIZE = 3;

export interface MinimalRemoval {
  /** Slot indices (oldest first) whose removal takes the item out of the top N; null when none within maxSize does. */
  slots: number[] | null;
  /** The item's rank with those slots removed (> n), or null. */
  rankWithout: number | null;
  /** Sets tried. */
  checked: number;
  /** The largest set size searched in full. */
  searchedUpTo: number;
  /** Whether removing every slot (the intrinsic part alone) leaves it in the top N: then no set can take it out. */
  intrinsicKeepsIt: boolean;
}

/**
 * The item's rank (1-based, among items not excluded; ties: lower index first) with the slots of
 * `set` removed from the memory. Exact: where the removed slots hold half an item's softmax mass
 * or more, that item is summed afresh from the slots left.
 */
export function rankWithout(scores: StepScores, set: readonly number[], item: number, excluded: Uint8Array, order?: Order, stopAt = Infinity): number {
  const { alpha, intrinsic, E, values, S, F } = scores;
  const L = scores.slots;
  const keep = Array.from({ length: L }, (_, k) => !set.includes(k));
  const logit = (j: number): number => {
    if (set.length >= L) return intrinsic[j];
    let e = 0;
    let f = 0;
    for (const k of set) {
      e += E[k][j];
      f += E[k][j] * values[k][j];
    }
    if (e < 0.5 * S[j]) return intrinsic[j] + (alpha * (F[j] - f)) / (S[j] - e);
    let s2 = 0;
    let f2 = 0;
    for (let k = 0; k < L; k++) {
      if (!keep[k]) continue;
      s2 += E[k][j];
      f2 += E[k][j] * values[k][j];
    }
    return intrinsic[j] + (alpha * f2) / s2;
  };
  const x = logit(item);
  let rank = 1;
  if (order) {
    // Items by their bound, highest first: past the first whose bound is below x, none can beat it.
    for (let r = 0; r < order.items.length; r++) {
      const j = order.items[r];
      if (order.bound[r] < x) break;
      if (j === item || excluded[j]) continue;
      const l = logit(j);
      if ((l > x || (l === x && j < item)) && ++rank >= stopAt) break;
    }
    return rank;
  }
  for (let j = 0; j < scores.nItems; j++) {
    if (j === item || excluded[j]) continue;
    const l = logit(j);
    if (l > x || (l === x && j < item)) rank++;
  }
  return rank;
}

/**
 * Every item's highest logit over any set of slots removed (the memory part is an attention-
 * weighted mean of its slots' values, so alpha times it lies between alpha min_k and alpha max_k;
 * with every slot removed it is the intrinsic part alone), items sorted by it, highest first: a
 * set's ranking need only score items down to the target's logit.
 */
export interface Order {
  items: Int32Array;
  bound: Float64Array;
}

export function boundOrder(scores: StepScores): Order {
  const n = scores.nItems;
  const L = scores.slots;
  const hi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let lo = Infinity;
    let up = -Infinity;
    for (let k = 0; k < L; k++) {
      const v = scores.values[k][j];
      if (v < lo) lo = v;
      if (v > up) up = v;
    }
    const m = L === 0 ? 0 : Math.max(0, scores.alpha * lo, scores.alpha * up);
    // A margin over float rounding of the sums the exact logits are made of.
    hi[j] = scores.intrinsic[j] + m + 1e-9 * (1 + Math.abs(scores.intrinsic[j]) + Math.abs(m));
  }
  const items = Int32Array.from({ length: n }, (_, j) => j).sort((a, b) => hi[b] - hi[a]);
  return { items, bound: Float64Array.from(items, (j) => hi[j]) };
}

export function minimalRemoval(scores: StepScores, item: number, excluded: Uint8Array, n: number, maxSize = MINIMAL_MAX_SIZE): MinimalRemoval {
  const L = scores.slots;
  const all = Array.from({ length: L }, (_, k) => k);
  const order = boundOrder(scores);
  const intrinsicKeepsIt = L === 0 || rankWithout(scores, all, item, excluded, order, n + 1) <= n;
  let checked = 0;
  const limit = Math.min(maxSize, L);
  for (let size = 1; size <= limit; size++) {
    const set = Array.from({ length: size }, (_, k) => k);
    for (;;) {
      checked++;
      // Counting stops at n + 1 items above it: it is out, and its exact rank is taken once, below.
      if (rankWithout(scores, set, item, excluded, order, n + 1) > n) {
        return { slots: set.slice(), rankWithout: rankWithout(scores, set, item, excluded, order), checked, searchedUpTo: size, intrinsicKeepsIt };
      }
      // The next set of this size in lexicographic order.
      let i = size - 1;
      while (i >= 0 && set[i] === L - size + i) i--;
      if (i < 0) break;
      set[i]++;
      for (let j = i + 1; j < size; j++) set[j] = set[j - 1] + 1;
    }
  }
  return { slots: null, rankWithout: null, checked, searchedUpTo: limit, intrinsicKeepsIt };
}
