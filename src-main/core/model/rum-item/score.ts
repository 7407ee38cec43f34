// Item-level RUM logits for one user, in plain JS: every item (the fallback ranking path when no
// fast tfjs backend loads) or chosen items (the pruned ranking, rank-pruned.ts), by one function,
// so both give the same float for the same item.
//
// The memory is read once per candidate, but p^m . q_i = sum_k z_k (q_mk . q_i), so the memory
// embedding itself is never formed: per item we need only the L dot products W[i,k] (the same
// numbers the attention uses) and the intrinsic dot, O(dim (L+1)) per item.
import { dot4, dotsWithRows } from '../dot';
import { checkRow, readMemory } from '../memory';
import type { RumItemParams } from './params';
import { memoryLogit, softmaxExp, weightedDots } from './forward';

/** One user's logits item by item: `logit(i)` is what scoreAllItems stores for item i, before float32 rounding. */
export class UserScorer {
  /** The memory items read (oldest first): the last K real ones, none at alpha = 0. */
  readonly memory: Int32Array;
  // The user and memory rows are copied into one float64 block, [p*_u, q_m1, .., q_mL]: every
  // item is dotted with all of them, and V8 runs these loops faster on local float64 data.
  private readonly rows: Float64Array;
  private readonly w: Float64Array;
  private readonly e: Float64Array;
  private readonly qv: Float64Array;
  private readonly dim4: number;

  constructor(
    private readonly params: RumItemParams,
    user: number,
    memory: ArrayLike<number>,
  ) {
    const { dim } = params.config;
    checkRow(user, params.nUsers, 'user');
    const Q = params.item;
    const mem = (this.memory = readMemory(params, memory));
    const L = mem.length;
    this.rows = new Float64Array((L + 1) * dim);
    const uo = user * dim;
    for (let d = 0; d < dim; d++) this.rows[d] = params.user[uo + d];
    for (let k = 0; k < L; k++) {
      const mo = mem[k] * dim;
      const ro = (k + 1) * dim;
      for (let d = 0; d < dim; d++) this.rows[ro + d] = Q[mo + d];
    }
    this.w = new Float64Array(L);
    this.e = new Float64Array(L);
    this.qv = new Float64Array(dim);
    this.dim4 = dim - (dim % 4);
  }

  logit(i: number): number {
    const { dim, alpha, beta } = this.params.config;
    const { rows, w, e, qv, dim4 } = this;
    const L = this.memory.length;
    const Q = this.params.item;
    const qo = i * dim;
    for (let d = 0; d < dim; d++) qv[d] = Q[qo + d];
    const intrinsic = dot4(rows, 0, qv, dim, dim4);
    if (L === 0) return intrinsic;
    // Row 0 of `rows` is the user; the memory slots follow it.
    dotsWithRows(rows, 1, L, qv, dim, dim4, w, 0);
    const S = softmaxExp(w, 0, L, beta, e, 0);
    return memoryLogit(intrinsic, alpha, L, S, weightedDots(e, 0, w, 0, L));
  }
}

/**
 * Logits for all items of `user`. `memory` follows rumItemForward (rum-item/forward.ts), the maths this
 * computes for every item at once:
 * oldest first, negative entries are padding, only the last K real items are read.
 */
export function scoreAllItems(
  params: RumItemParams,
  user: number,
  memory: ArrayLike<number>,
  out?: Float32Array,
): Float32Array {
  const nItems = params.nItems;
  if (out && out.length < nItems) throw new Error(`out has ${out.length} entries, need ${nItems}`);
  const scorer = new UserScorer(params, user, memory);
  const result = out ?? new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) result[i] = scorer.logit(i);
  return result;
}
