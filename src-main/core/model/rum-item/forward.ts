// Item-level RUM's forward maths, defined once. For user u with intrinsic embedding p*_u, the
// memory items m_1..m_L (the last K purchases, model/memory.ts) and a candidate item q_i:
//   w_k   = q_mk . q_i                       (one dot per filled slot)
//   z     = softmax(beta w)                  (attention over the filled slots only)
//   logit = p*_u . q_i + alpha sum_k z_k w_k (p^m_u . q_i = sum_k z_k w_k, the memory read)
// rumItemForward is the reference. The hot loops (the training kernel, the full-catalogue scorer,
// StepScores) keep their own unrolled dot products for speed but take the softmax from
// softmaxExp and the logit from memoryLogit below; forward.test.ts holds every path, tfjs
// included, equal to rumItemForward on random parameters.
import { checkRow, readMemory } from '../memory';
import type { RumItemParams } from './params';

/**
 * The attention's numerators: e[eo + k] = exp(beta w[wo + k] - max_j beta w[wo + j]) for k < L
 * (the max taken out so exp never overflows); returns their sum S, so z_k = e_k / S.
 */
export function softmaxExp(w: Float64Array, wo: number, L: number, beta: number, e: Float64Array, eo: number): number {
  let max = -Infinity;
  for (let k = 0; k < L; k++) if (beta * w[wo + k] > max) max = beta * w[wo + k];
  let sum = 0;
  for (let k = 0; k < L; k++) {
    const x = Math.exp(beta * w[wo + k] - max);
    e[eo + k] = x;
    sum += x;
  }
  return sum;
}

/** F = sum_k e_k w_k, the unnormalised memory read, so that p^m . q_i = F / S. */
export function weightedDots(e: Float64Array, eo: number, w: Float64Array, wo: number, L: number): number {
  let f = 0;
  for (let k = 0; k < L; k++) f += e[eo + k] * w[wo + k];
  return f;
}

/** logit = intrinsic + alpha F / S, or just the intrinsic part when no slot is read (L = 0). */
export function memoryLogit(intrinsic: number, alpha: number, L: number, S: number, F: number): number {
  return L === 0 ? intrinsic : intrinsic + (alpha * F) / S;
}

export interface LogitExplanation {
  logit: number;
  /** p*_u . q_i */
  intrinsic: number;
  /** alpha p^m . q_i = sum of slotShare. */
  memoryTerm: number;
  /** The items read, oldest first (at most K, padding dropped). */
  memoryItems: Int32Array;
  /** Attention z_k on memoryItems[k]; sums to 1 when any item is read. */
  attention: Float64Array;
  /** alpha z_k (q_mk . q_i): slot k's additive share of the logit. */
  slotShare: Float64Array;
}

/**
 * The reference forward pass of one candidate, with its attention and each slot's share.
 * `memory` lists the user's recent purchases oldest first; negative entries (padding) are skipped
 * and only the last K real items are read, as the FIFO memory would.
 */
export function rumItemForward(params: RumItemParams, user: number, memory: ArrayLike<number>, item: number): LogitExplanation {
  const { dim, alpha, beta } = params.config;
  checkRow(user, params.nUsers, 'user');
  checkRow(item, params.nItems, 'item');
  const q = params.item;
  const qo = item * dim;
  const intrinsic = dot(params.user, user * dim, q, qo, dim);
  const memoryItems = readMemory(params, memory);
  const n = memoryItems.length;
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = dot(q, memoryItems[k] * dim, q, qo, dim);
  const attention = new Float64Array(n);
  const sum = softmaxExp(w, 0, n, beta, attention, 0);
  for (let k = 0; k < n; k++) attention[k] /= sum;
  const slotShare = new Float64Array(n);
  let memoryTerm = 0;
  for (let k = 0; k < n; k++) {
    slotShare[k] = alpha * attention[k] * w[k];
    memoryTerm += slotShare[k];
  }
  return { logit: intrinsic + memoryTerm, intrinsic, memoryTerm, memoryItems, attention, slotShare };
}

function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s = 0;
  for (let d = 0; d < n; d++) s += a[ao + d] * b[bo + d];
  return s;
}
