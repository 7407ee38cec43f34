import { memoryLogit, softmaxExp } from './rum-item/forward';

/**
 * One memory slot as every item sees it, a column over the catalogue: `key[i]`, what item i's
 * attention on the slot is computed from (z = softmax(beta key)), `value[i]`, the dot the slot
 * adds to item i's logit, and optionally exp(beta key[i]) with no maximum taken out (null when
 * that is not safe, rum-item/item-columns.ts). In item-level RUM key and value are the same
 * column, q_i . m_k; in feature-level RUM the key is q_i . f_k and the value q_i . m_k.
 */
export interface SlotColumn {
  readonly key: Float64Array;
  readonly value: Float64Array;
  readonly exp: Float64Array | null;
}

/**
 * Every item's score for one user and one memory read by attention, kept in parts so that
 * explanations and counterfactuals need no second pass over the embeddings:
 *   E[k][i] = exp(beta key[k][i] - c_i),  S_i = sum_k E,  F_i = sum_k E value,
 *   logit_i = intrinsic_i + alpha F_i / S_i.
 * c_i is 0 when every column's exponentials are safe to use as they are (the usual case: the
 * columns are then shared with other steps), else item i's largest beta key.
 * Removing slot k is then S_i - E[k][i] and F_i - E[k][i] value[k][i]: O(items) per slot instead
 * of a re-score, which is what makes "without it, this item would rank 14th" cheap to compute.
 * Float64 throughout, so the identities of docs/model.md hold to well below float32 noise.
 */
export class StepScores {
  /** The logit splits into intrinsic + memory and over the slots (model.ts LeaveOutScores has no parts). */
  readonly additive = true as const;
  readonly nItems: number;
  /** Shared with a columns cache: read only. */
  readonly intrinsic: Float64Array;
  readonly keys: Float64Array[];
  readonly values: Float64Array[];
  readonly E: Float64Array[];
  readonly S: Float64Array;
  readonly F: Float64Array;
  readonly logit: Float64Array;
  readonly alpha: number;
  readonly beta: number;
  /** Whether E holds exp(beta key) as it is (no maximum taken out): every column was safe for it. */
  private readonly unshifted: boolean;

  constructor(alpha: number, beta: number, intrinsic: Float64Array, columns: readonly SlotColumn[]) {
    this.alpha = alpha;
    this.beta = beta;
    const L = columns.length;
    const n = (this.nItems = intrinsic.length);
    this.intrinsic = intrinsic;
    this.keys = columns.map((c) => c.key);
    this.values = columns.map((c) => c.value);
    this.unshifted = columns.every((c) => c.exp);
    this.E = this.unshifted ? columns.map((c) => c.exp!) : shiftedExps(this.keys, beta, n);
    this.S = new Float64Array(n);
    this.F = new Float64Array(n);
    this.logit = new Float64Array(n);
    const { S, F } = this;
    for (let k = 0; k < L; k++) {
      const e = this.E[k];
      const v = this.values[k];
      for (let i = 0; i < n; i++) {
        S[i] += e[i];
        F[i] += e[i] * v[i];
      }
    }
    for (let i = 0; i < n; i++) this.logit[i] = memoryLogit(this.intrinsic[i], alpha, L, S[i], F[i]);
  }

  get slots(): number {
    return this.keys.length;
  }

  /** Attention z_k of item i over the memory slots (sums to 1 when any slot is read). */
  attention(i: number): number[] {
    return this.E.map((e) => e[i] / this.S[i]);
  }

  /** The value dots item i reads from each slot. */
  dots(i: number): number[] {
    return this.values.map((v) => v[i]);
  }

  /** The attention's inputs for item i (before beta); the same as dots() where key and value coincide. */
  keyDots(i: number): number[] {
    return this.keys.map((w) => w[i]);
  }

  /** alpha F_i / S_i: the memory's additive part of item i's logit. */
  memoryPart(i: number): number {
    return this.slots === 0 ? 0 : (this.alpha * this.F[i]) / this.S[i];
  }

  /** Every item's logit with slot k taken out of the memory (softmax re-taken over the rest). */
  allWithoutSlot(k: number, out = new Float64Array(this.nItems)): Float64Array {
    const L = this.slots;
    const { S, F, intrinsic, alpha } = this;
    if (L === 1) {
      out.set(intrinsic);
      return out;
    }
    const E = this.E[k];
    const V = this.values[k];
    for (let i = 0; i < this.nItems; i++) {
      const e = E[i];
      // Removing a slot that held most of the attention would subtract nearly equal sums (and,
      // at the extreme, divide by ~0): recompute that item exactly instead. It happens for at
      // most one slot per item, so it costs O(items x K) over a whole explanation.
      out[i] = e < 0.5 * S[i] ? intrinsic[i] + (alpha * (F[i] - e * V[i])) / (S[i] - e) : this.exactWithout(i, k);
    }
    return out;
  }

  private exactWithout(i: number, k: number): number {
    const L = this.slots;
    if (this.unshifted) {
      // Exponentials taken without a maximum are all normal doubles (|beta key| <= EXP_SAFE), so
      // the other slots' sums are summed afresh from them: positive terms, no cancellation, no exp.
      let s = 0;
      let f = 0;
      for (let j = 0; j < L; j++) {
        if (j === k) continue;
        const e = this.E[j][i];
        s += e;
        f += e * this.values[j][i];
      }
      return this.intrinsic[i] + (this.alpha * f) / s;
    }
    return this.logitOver(i, Array.from({ length: L - 1 }, (_, j) => (j < k ? j : j + 1)));
  }

  /**
   * Item i's logit with a memory of just the slots `columns` (the softmax taken over them afresh,
   * its largest beta key taken out; the intrinsic part alone when there are none): the exact
   * answer the sums' shortcuts fall back to.
   */
  logitOver(i: number, columns: readonly number[]): number {
    if (columns.length === 0) return this.intrinsic[i];
    let max = -Infinity;
    for (const c of columns) max = Math.max(max, this.beta * this.keys[c][i]);
    let s = 0;
    let f = 0;
    for (const c of columns) {
      const e = Math.exp(this.beta * this.keys[c][i] - max);
      s += e;
      f += e * this.values[c][i];
    }
    return this.intrinsic[i] + (this.alpha * f) / s;
  }
}

/** The softmax's numerators with each item's largest beta key taken out (softmaxExp's rule), per column. */
function shiftedExps(keys: Float64Array[], beta: number, n: number): Float64Array[] {
  const E = keys.map(() => new Float64Array(n));
  const w = new Float64Array(keys.length);
  const e = new Float64Array(keys.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < keys.length; k++) w[k] = keys[k][i];
    softmaxExp(w, 0, keys.length, beta, e, 0);
    for (let k = 0; k < keys.length; k++) E[k][i] = e[k];
  }
  return E;
}
