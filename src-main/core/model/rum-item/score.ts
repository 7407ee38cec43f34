// Item-level RUM logits for every item of one user, in plain JS: the fallback ranking path when
// no fast tfjs backend loads.
//
// The memory is read once per candidate, but p^m . q_i = sum_k z_k (q_mk . q_i), so the memory
// embedding itself is never formed: per item we need only the L dot products W[i,k] (the same
// numbers the attention uses) and the intrinsic dot, O(dim (L+1)) per item.
import { dot4, dotsWithRows } from '../dot';
import { checkRow, readMemory } from '../memory';
import type { RumItemParams } from './params';
import { memoryLogit, softmaxExp, weightedDots } from './forward';

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
  const { dim, alpha, beta } = params.config;
  const nItems = params.nItems;
  checkRow(user, params.nUsers, 'user');
  if (out && out.length < nItems) throw new Error(`out has ${out.length} entries, need ${nItems}`);
  const result = out ?? new Float32Array(nItems);
  const Q = params.item;
  const mem = readMemory(params, memory);
  const L = mem.length;
  // The user and memory rows are copied into one float64 block, [p*_u, q_m1, .., q_mL]: every
  // item is dotted with all of them, and V8 runs these loops faster on local float64 data.
  const rows = new Float64Array((L + 1) * dim);
  const uo = user * dim;
  for (let d = 0; d < dim; d++) rows[d] = params.user[uo + d];
  for (let k = 0; k < L; k++) {
    const mo = mem[k] * dim;
    const ro = (k + 1) * dim;
    for (let d = 0; d < dim; d++) rows[ro + d] = Q[mo + d];
  }
  const w = new Float64Array(L);
  const e = new Float64Array(L);
  const qv = new Float64Array(dim);
  const dim4 = dim - (dim % 4);

  for (let i = 0; i < nItems; i++) {
    const qo = i * dim;
    for (let d = 0; d < dim; d++) qv[d] = Q[qo + d];
    const intrinsic = dot4(rows, 0, qv, dim, dim4);
    if (L === 0) {
      result[i] = intrinsic;
      continue;
    }
    // Row 0 of `rows` is the user; the memory slots follow it.
    dotsWithRows(rows, 1, L, qv, dim, dim4, w, 0);
    const S = softmaxExp(w, 0, L, beta, e, 0);
    result[i] = memoryLogit(intrinsic, alpha, L, S, weightedDots(e, 0, w, 0, L));
  }
  return result;
}
