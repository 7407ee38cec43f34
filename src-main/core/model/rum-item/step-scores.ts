import { ItemColumns } from './item-columns';
import type { RumItemParams } from './params';
import { memoryLogit, softmaxExp } from './forward';

/**
 * Every item's score for one user and one memory (rumItemForward's maths, forward.ts),
 * kept in parts so that explanations and counterfactuals need no second pass over the embeddings,
 * slot k's parts as one column over the items (item-columns.ts):
 *   W[k][i] = q_i . m_k,  E[k][i] = exp(beta W[k][i] - c_i),  S_i = sum_k E,  F_i = sum_k E W,
 *   logit_i = intrinsic_i + alpha F_i / S_i.
 * c_i is 0 when every column's exponentials are safe to use as they are (the usual case: the
 * columns are then shared with other steps), else item i's largest beta W.
 * Removing slot k is then S_i - E[k][i] and F_i - E[k][i] W[k][i]: O(items) per slot instead of a
 * re-score, which is what makes "without it, this item would rank 14th" cheap to compute.
 * Float64 throughout, so the identities of docs/model.md hold to well below float32 noise.
 */
export class StepScores {
  readonly nItems: number;
  /** Memory items (oldest first), the ones actually read. */
  readonly memory: Int32Array;
  /** Shared with the columns' cache: read only. */
  readonly intrinsic: Float64Array;
  readonly W: Float64Array[];
  readonly E: Float64Array[];
  readonly S: Float64Array;
  readonly F: Float64Array;
  readonly logit: Float64Array;
  readonly alpha: number;
  readonly beta: number;

  /** `columns`: a loaded model's cache (itemColumnsOf); by default this step's own, kept by nobody. */
  constructor(params: RumItemParams, user: number, memoryItems: Int32Array, columns = new ItemColumns(params, 0)) {
    const { alpha, beta } = params.config;
    this.alpha = alpha;
    this.beta = beta;
    // alpha = 0 (BPR-MF) reads no memory: explanations then show an empty memory.
    this.memory = alpha === 0 ? new Int32Array(0) : memoryItems;
    const L = this.memory.length;
    const n = (this.nItems = params.nItems);
    this.intrinsic = columns.intrinsic(user);
    const cols = columns.columnsFor(this.memory);
    this.W = cols.map((c) => c.dot);
    this.E = cols.every((c) => c.exp) ? cols.map((c) => c.exp!) : shiftedExps(this.W, beta, n);
    this.S = new Float64Array(n);
    this.F = new Float64Array(n);
    this.logit = new Float64Array(n);
    const { S, F } = this;
    for (let k = 0; k < L; k++) {
      const e = this.E[k];
      const w = this.W[k];
      for (let i = 0; i < n; i++) {
        S[i] += e[i];
        F[i] += e[i] * w[i];
      }
    }
    for (let i = 0; i < n; i++) this.logit[i] = memoryLogit(this.intrinsic[i], alpha, L, S[i], F[i]);
  }

  get slots(): number {
    return this.memory.length;
  }

  /** Attention z_k of item i over the memory slots (sums to 1 when any slot is read). */
  attention(i: number): number[] {
    return this.E.map((e) => e[i] / this.S[i]);
  }

  dots(i: number): number[] {
    return this.W.map((w) => w[i]);
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
    const W = this.W[k];
    for (let i = 0; i < this.nItems; i++) {
      const e = E[i];
      // Removing a slot that held most of the attention would subtract nearly equal sums (and,
      // at the extreme, divide by ~0): recompute that item exactly instead. It happens for at
      // most one slot per item, so it costs O(items x K) over a whole explanation.
      out[i] = e < 0.5 * S[i] ? intrinsic[i] + (alpha * (F[i] - e * W[i])) / (S[i] - e) : this.exactWithout(i, k);
    }
    return out;
  }

  private exactWithout(i: number, k: number): number {
    const L = this.slots;
    let max = -Infinity;
    for (let j = 0; j < L; j++) if (j !== k) max = Math.max(max, this.beta * this.W[j][i]);
    let s = 0;
    let f = 0;
    for (let j = 0; j < L; j++) {
      if (j === k) continue;
      const w = this.W[j][i];
      const e = Math.exp(this.beta * w - max);
      s += e;
      f += e * w;
    }
    return this.intrinsic[i] + (this.alpha * f) / s;
  }
}

/** The softmax's numerators with each item's largest beta W taken out (softmaxExp's rule), per column. */
function shiftedExps(W: Float64Array[], beta: number, n: number): Float64Array[] {
  const E = W.map(() => new Float64Array(n));
  const w = new Float64Array(W.length);
  const e = new Float64Array(W.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.length; k++) w[k] = W[k][i];
    softmaxExp(w, 0, W.length, beta, e, 0);
    for (let k = 0; k < W.length; k++) E[k][i] = e[k];
  }
  return E;
}
