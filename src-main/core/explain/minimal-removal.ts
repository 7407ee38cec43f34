// The minimal counterfactual (issue 14 item 2): for an item in the top N at a step, the smallest
// set of the memory's purchases whose removal from the history takes it out of the top N.
// Removal is the what-if's (edit-history.ts), so that removing the set in the What if card gives
// the same answer: the purchases leave the history, the memory then reads the last K purchases
// left (older ones slide in), and an item no longer bought before the step is ranked again.
// The search is exact and exhaustive by size: every set of one slot, then of two, ... up to
// `maxSize` (default 3: at K = 20 that is 1,350 sets), so the set returned is a smallest one
// within that size, the first in slot order among equals; past `maxSize` the answer says so.
// Each set is scored from StepScores columns, not re-read: a slot's column is its purchase's
// wherever it stands (RUM's q_i . m_k), so the memory's K columns and the `maxSize` purchases just
// before it are every column a set can need.
import { StepScores } from '../model/step-scores';

export const MINIMAL_MAX_SIZE = 3;

/** A memory as a removal game: `scores` holds `older` columns (the purchases just before the memory, oldest first), then the memory's slots. */
export interface RemovalGame {
  scores: StepScores;
  older: number;
  /** Per column, the item bought there. */
  items: Int32Array;
  /** Per item, how many times it was bought before the step (the whole history). */
  bought: Int32Array;
  /** The largest set it can score: `older` holds that many purchases, or every one before the memory. */
  maxSize: number;
}

export interface MinimalRemoval {
  /** Memory slot indices (oldest first) whose removal takes the item out of the top N; null when none within maxSize does. */
  slots: number[] | null;
  /** The item's rank with those purchases removed (> n), or null. */
  rankWithout: number | null;
  /** Sets tried. */
  checked: number;
  /** The largest set size searched in full. */
  searchedUpTo: number;
  /** Whether the item stays in the top N on its intrinsic part alone (an empty memory, the same purchases excluded). */
  intrinsicKeepsIt: boolean;
}

/**
 * Every item's highest logit over any memory made of the game's columns (the memory part is an
 * attention-weighted mean of its slots' values, so alpha times it lies between alpha min_k and
 * alpha max_k; an empty memory gives the intrinsic part alone), items sorted by it, highest
 * first: a set's ranking need only score items down to the target's logit.
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

/** The game's sums over the memory's columns only (without the older ones). */
function memorySums(g: RemovalGame): { S: Float64Array; F: Float64Array } {
  if (g.older === 0) return { S: g.scores.S, F: g.scores.F };
  const n = g.scores.nItems;
  const S = new Float64Array(n);
  const F = new Float64Array(n);
  for (let c = g.older; c < g.scores.slots; c++) {
    const e = g.scores.E[c];
    const v = g.scores.values[c];
    for (let j = 0; j < n; j++) {
      S[j] += e[j];
      F[j] += e[j] * v[j];
    }
  }
  return { S, F };
}

/** Ranks a set in a prepared game; see rankAfterRemoval. */
export type SetRanker = (set: readonly number[], item: number, stopAt?: number) => number;

/**
 * The item's rank (1-based; ties: lower index first; the item itself always counts) after the
 * memory slots of `set` are removed from the history: the memory is the slots left plus the last
 * |set| older columns, and the removed purchases' items are ranked again unless bought elsewhere
 * before the step. Exact: where the removed slots hold half an item's softmax mass or more, or
 * the memory changes whole, that item's logit is summed afresh from the columns it reads.
 */
export function setRanker(g: RemovalGame, order: Order = boundOrder(g.scores)): SetRanker {
  const { alpha, E, values } = g.scores;
  const K = g.scores.slots - g.older;
  const mem = memorySums(g);
  const excluded = (j: number, removed: readonly number[]) => {
    let left = g.bought[j];
    for (const c of removed) if (g.items[c] === j) left--;
    return left > 0;
  };
  return (set, item, stopAt = Infinity) => {
    const removed = set.map((k) => g.older + k);
    const slid = Math.min(set.length, g.older);
    const added = Array.from({ length: slid }, (_, a) => g.older - slid + a);
    const kept = [...added, ...Array.from({ length: K }, (_, k) => g.older + k).filter((c) => !removed.includes(c))];
    const fresh = (j: number): number => g.scores.logitOver(j, kept);
    const logit = (j: number): number => {
      if (kept.length === 0 || removed.length >= K) return fresh(j);
      let e = 0;
      let f = 0;
      for (const c of removed) {
        e += E[c][j];
        f += E[c][j] * values[c][j];
      }
      // Half the mass or more removed would subtract nearly equal sums; a sum near underflow (a
      // key far below an older column's, by which it was scaled) has lost its digits: both afresh.
      if (e >= 0.5 * mem.S[j] || mem.S[j] < 1e-250) return fresh(j);
      let s = mem.S[j] - e;
      let fs = mem.F[j] - f;
      for (const c of added) {
        s += E[c][j];
        fs += E[c][j] * values[c][j];
      }
      return g.scores.intrinsic[j] + (alpha * fs) / s;
    };
    const x = logit(item);
    let rank = 1;
    // Items by their bound, highest first: past the first whose bound is below x, none can beat it.
    for (let r = 0; r < order.items.length; r++) {
      const j = order.items[r];
      if (order.bound[r] < x) break;
      if (j === item || (g.bought[j] > 0 && excluded(j, removed))) continue;
      const l = logit(j);
      if ((l > x || (l === x && j < item)) && ++rank >= stopAt) break;
    }
    return rank;
  };
}

/** The search over sets of the memory's slots, up to the game's maxSize (see the header). */
export function minimalRemoval(g: RemovalGame, item: number, n: number): MinimalRemoval {
  const K = g.scores.slots - g.older;
  const order = boundOrder(g.scores);
  const rank = setRanker(g, order);
  const intrinsicKeepsIt = intrinsicRank(g, item, order, n + 1) <= n;
  let checked = 0;
  const limit = Math.min(g.maxSize, K);
  for (let size = 1; size <= limit; size++) {
    const set = Array.from({ length: size }, (_, k) => k);
    for (;;) {
      checked++;
      // Counting stops at n + 1 items above it: it is out, and its exact rank is taken once, below.
      if (rank(set, item, n + 1) > n) return { slots: set.slice(), rankWithout: rank(set, item), checked, searchedUpTo: size, intrinsicKeepsIt };
      // The next set of this size in lexicographic order.
      let i = size - 1;
      while (i >= 0 && set[i] === K - size + i) i--;
      if (i < 0) break;
      set[i]++;
      for (let j = i + 1; j < size; j++) set[j] = set[j - 1] + 1;
    }
  }
  return { slots: null, rankWithout: null, checked, searchedUpTo: limit, intrinsicKeepsIt };
}

/** The item's rank on intrinsic parts alone, the purchases before the step excluded as they are. */
function intrinsicRank(g: RemovalGame, item: number, order: Order, stopAt: number): number {
  const { intrinsic } = g.scores;
  const x = intrinsic[item];
  let rank = 1;
  for (let r = 0; r < order.items.length; r++) {
    const j = order.items[r];
    if (order.bound[r] < x) break;
    if (j === item || g.bought[j] > 0) continue;
    if ((intrinsic[j] > x || (intrinsic[j] === x && j < item)) && ++rank >= stopAt) break;
  }
  return rank;
}

/** What a kind's step reader gives that the game needs: a memory's StepScores and the item in each slot. */
export type AdditiveRead = (step: number) => { scores: StepScores; slots: readonly { item: number }[] };

/**
 * The history's memory at `step` and the purchases that slide into it when some are removed (up
 * to `maxSize`, read at the step where the memory begins), as one set of columns on one scale,
 * with every item's purchase count before the step.
 */
export function removalGame(read: AdditiveRead, items: Int32Array, step: number, nItems: number, maxSize = MINIMAL_MAX_SIZE): RemovalGame {
  const bought = new Int32Array(nItems);
  for (let t = 0; t < step; t++) bought[items[t]]++;
  const now = read(step);
  const L = now.scores.slots;
  const older = L === 0 ? 0 : Math.min(maxSize, step - L);
  const slotItems = now.slots.map((s) => s.item);
  if (older === 0) return { scores: now.scores, older, items: Int32Array.from(slotItems), bought, maxSize };
  const prev = read(step - L);
  const p = prev.scores.slots;
  const from = (s: StepScores, k: number) => ({ key: s.keys[k], value: s.values[k], exp: null });
  const columns = [...Array.from({ length: older }, (_, a) => from(prev.scores, p - older + a)), ...Array.from({ length: L }, (_, k) => from(now.scores, k))];
  const scores = new StepScores(now.scores.alpha, now.scores.beta, now.scores.intrinsic, columns);
  return { scores, older, items: Int32Array.from([...prev.slots.slice(p - older).map((s) => s.item), ...slotItems]), bought, maxSize };
}
