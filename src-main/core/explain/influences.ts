// The global map of influences (docs/explanations.md, "The map of influences"): over many steps
// of many users, which earlier purchase drives which later one. At each step the purchase made
// there is explained as one explanation explains it (its attention over the memory, or each
// slot's exact Shapley value, shapley.ts), and every slot's number is credited to the pair
// (the purchase the slot holds, the purchase made). Summed over the steps, a pair that the model
// has learned as a pattern ("camera -> memory card") stands out from pairs that merely co-occur.
import type { StepScores } from '../model/step-scores';
import { shapleyValues } from './shapley';

/** What a slot credits to the purchase made at a step. */
export type InfluenceBy = 'shapley' | 'attention';
export const INFLUENCE_BY: readonly InfluenceBy[] = ['shapley', 'attention'];

/**
 * The number each memory slot credits to item `to` at one step, from the step's scores (the same
 * StepScores every explanation reads): its attention z_k, which sums to 1 over the slots, or its
 * exact Shapley value in the memory game, which sums to the memory part of `to`'s logit. The
 * caller keeps the slots within SHAPLEY_MAX_SLOTS for Shapley values.
 */
export function slotCredits(scores: StepScores, to: number, by: InfluenceBy): ArrayLike<number> {
  if (by === 'attention') return scores.attention(to);
  return shapleyValues(scores.keyDots(to), scores.dots(to), scores.alpha, scores.beta);
}

export interface InfluencePair {
  /** The earlier purchase (model item index): what a memory slot held. */
  from: number;
  /** The purchase made at the step (model item index). */
  to: number;
  /** The credits summed over every step where `to` was bought with `from` in the memory. */
  weight: number;
  /** How many such steps: `from` held in two slots of one step (bought twice) counts once. */
  steps: number;
}

/**
 * Sums slot credits per (earlier item, later item) pair. Pairs live in flat growable arrays with
 * one Map from the pair's key to its row, so a map of a million pairs is a few arrays rather than
 * a million objects.
 */
export class InfluenceMap {
  private readonly rows = new Map<number, number>();
  private from = new Int32Array(256);
  private to = new Int32Array(256);
  private weight = new Float64Array(256);
  private count = new Int32Array(256);
  private size = 0;
  /** Steps added (each one purchase explained), those with an empty memory included. */
  steps = 0;

  constructor(readonly nItems: number) {
    if (!Number.isInteger(nItems) || nItems < 0) throw new RangeError(`nItems must be a whole number >= 0, got ${nItems}`);
  }

  /**
   * One step: the memory's slots held items `from` (oldest first) and credited `credits` (same
   * order) to the purchase `to`. Both per-slot lists must be as long.
   */
  add(from: ArrayLike<number>, to: number, credits: ArrayLike<number>): void {
    if (from.length !== credits.length) throw new RangeError(`one credit per slot: ${from.length} slots, ${credits.length} credits`);
    this.checkItem(to);
    this.steps++;
    for (let k = 0; k < from.length; k++) {
      const f = from[k];
      this.checkItem(f);
      const key = f * this.nItems + to;
      let r = this.rows.get(key);
      if (r === undefined) r = this.newRow(key, f, to);
      this.weight[r] += credits[k];
      // The same item in an earlier slot of this step already counted the step.
      let seen = false;
      for (let j = 0; j < k && !seen; j++) seen = from[j] === f;
      if (!seen) this.count[r]++;
    }
  }

  /** Distinct pairs seen. */
  get pairs(): number {
    return this.size;
  }

  /**
   * The `n` strongest pairs: largest summed credit first (a signed sum: a pair whose earlier item
   * lowers the later one's logit ranks last, not first), then more steps, then item order, so
   * the order is total and repeatable.
   */
  top(n = Infinity): InfluencePair[] {
    const order = Array.from({ length: this.size }, (_, r) => r);
    const { weight, count, from, to } = this;
    order.sort((a, b) => weight[b] - weight[a] || count[b] - count[a] || from[a] - from[b] || to[a] - to[b]);
    return order.slice(0, Math.max(0, Math.min(n, order.length))).map((r) => ({ from: from[r], to: to[r], weight: weight[r], steps: count[r] }));
  }

  private newRow(key: number, f: number, t: number): number {
    if (this.size === this.from.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.from = grow(this.from, (n) => new Int32Array(n));
      this.to = grow(this.to, (n) => new Int32Array(n));
      this.weight = grow(this.weight, (n) => new Float64Array(n));
      this.count = grow(this.count, (n) => new Int32Array(n));
    }
    const r = this.size++;
    this.from[r] = f;
    this.to[r] = t;
    this.rows.set(key, r);
    return r;
  }

  private checkItem(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.nItems) throw new RangeError(`item ${i} outside 0..${this.nItems - 1}`);
  }
}
