import { dotsWithRows } from '../model/dot';
import type { RumItemParams } from '../model/rum-item/params';
import { memoryLogit, softmaxExp, weightedDots } from '../model/rum-item/forward';

/**
 * Every item's score for one user and one memory (rumItemForward's maths, model/rum-item/forward.ts),
 * kept in parts so that explanations and counterfactuals need no second pass over the embeddings:
 *   W[i,k] = q_i . m_k,  e[i,k] = exp(beta W[i,k] - max_k),  S_i = sum_k e,  F_i = sum_k e W,
 *   logit_i = intrinsic_i + alpha F_i / S_i.
 * Removing slot k is then S_i - e[i,k] and F_i - e[i,k] W[i,k]: O(items) per slot instead of a
 * re-score, which is what makes "without it, this item would rank 14th" cheap to compute.
 * Float64 throughout, so the identities of docs/model.md hold to well below float32 noise.
 */
export class StepScores {
  readonly nItems: number;
  /** Memory items (oldest first), the ones actually read. */
  readonly memory: Int32Array;
  readonly intrinsic: Float64Array;
  readonly W: Float64Array;
  readonly E: Float64Array;
  readonly S: Float64Array;
  readonly F: Float64Array;
  readonly logit: Float64Array;
  readonly alpha: number;
  readonly beta: number;

  constructor(params: RumItemParams, user: number, memoryItems: Int32Array) {
    const { dim, alpha, beta } = params.config;
    this.alpha = alpha;
    this.beta = beta;
    // alpha = 0 (BPR-MF) reads no memory: explanations then show an empty memory.
    this.memory = alpha === 0 ? new Int32Array(0) : memoryItems;
    const L = this.memory.length;
    const n = (this.nItems = params.nItems);
    const Q = params.item;
    const po = user * dim;
    const p = Float64Array.from(params.user.subarray(po, po + dim));
    const M = new Float64Array(L * dim);
    for (let k = 0; k < L; k++) for (let d = 0; d < dim; d++) M[k * dim + d] = Q[this.memory[k] * dim + d];
    this.intrinsic = new Float64Array(n);
    this.W = new Float64Array(n * L);
    this.E = new Float64Array(n * L);
    this.S = new Float64Array(n);
    this.F = new Float64Array(n);
    this.logit = new Float64Array(n);
    // The item row is copied to float64 once and dotted with four memory rows per pass: this
    // loop is most of an explanation's time (items x K x D multiply-adds).
    const q = new Float64Array(dim);
    const dim4 = dim - (dim % 4);
    for (let i = 0; i < n; i++) {
      const qo = i * dim;
      let intr = 0;
      for (let d = 0; d < dim; d++) {
        const x = Q[qo + d];
        q[d] = x;
        intr += p[d] * x;
      }
      this.intrinsic[i] = intr;
      if (L === 0) {
        this.logit[i] = intr;
        continue;
      }
      const wo = i * L;
      dotsWithRows(M, 0, L, q, dim, dim4, this.W, wo);
      const s = softmaxExp(this.W, wo, L, beta, this.E, wo);
      const f = weightedDots(this.E, wo, this.W, wo, L);
      this.S[i] = s;
      this.F[i] = f;
      this.logit[i] = memoryLogit(intr, alpha, L, s, f);
    }
  }

  get slots(): number {
    return this.memory.length;
  }

  /** Attention z_k of item i over the memory slots (sums to 1 when any slot is read). */
  attention(i: number): number[] {
    const L = this.slots;
    return Array.from({ length: L }, (_, k) => this.E[i * L + k] / this.S[i]);
  }

  dots(i: number): number[] {
    const L = this.slots;
    return Array.from(this.W.subarray(i * L, (i + 1) * L));
  }

  /** alpha F_i / S_i: the memory's additive part of item i's logit. */
  memoryPart(i: number): number {
    return this.slots === 0 ? 0 : (this.alpha * this.F[i]) / this.S[i];
  }

  /** Every item's logit with slot k taken out of the memory (softmax re-taken over the rest). */
  allWithoutSlot(k: number, out = new Float64Array(this.nItems)): Float64Array {
    const L = this.slots;
    const { E, W, S, F, intrinsic, alpha } = this;
    for (let i = 0; i < this.nItems; i++) {
      if (L === 1) {
        out[i] = intrinsic[i];
        continue;
      }
      const o = i * L + k;
      const e = E[o];
      const s = S[i] - e;
      // Removing a slot that held most of the attention would subtract nearly equal sums (and,
      // at the extreme, divide by ~0): recompute that item exactly instead. It happens for at
      // most one slot per item, so it costs O(items x K) over a whole explanation.
      out[i] = e < 0.5 * S[i] ? intrinsic[i] + (alpha * (F[i] - e * W[o])) / s : this.exactWithout(i, k);
    }
    return out;
  }

  private exactWithout(i: number, k: number): number {
    const L = this.slots;
    let max = -Infinity;
    for (let j = 0; j < L; j++) if (j !== k) max = Math.max(max, this.beta * this.W[i * L + j]);
    let s = 0;
    let f = 0;
    for (let j = 0; j < L; j++) {
      if (j === k) continue;
      const e = Math.exp(this.beta * this.W[i * L + j] - max);
      s += e;
      f += e * this.W[i * L + j];
    }
    return this.intrinsic[i] + (this.alpha * f) / s;
  }
}

/** 1-based rank of item `i` by `logits` among items not excluded (ties: lower index first). */
export function rankOf(logits: ArrayLike<number>, i: number, excluded: Uint8Array): number {
  return ranksOf(logits, [i], excluded)[0];
}

/**
 * Ranks of several items in one pass over the catalogue (an explanation needs 5 recommendations
 * x K slots of them). Each item ranks among the items not excluded, itself always included.
 */
export function ranksOf(logits: ArrayLike<number>, items: readonly number[], excluded: Uint8Array): number[] {
  const m = items.length;
  const x = items.map((i) => logits[i]);
  const ranks = new Array<number>(m).fill(1);
  for (let j = 0; j < logits.length; j++) {
    if (excluded[j]) continue;
    const l = logits[j];
    for (let t = 0; t < m; t++) if (l > x[t] || (l === x[t] && j < items[t])) ranks[t]++;
  }
  // An excluded item ranked anyway (a bought "why not?" item) was skipped above; others
  // counted themselves only if strictly better, which they never are.
  return ranks;
}
