// Feature-level RUM's forward maths, defined once (docs/model.md, "Feature-level RUM", paper eqs.
// 9-13). For user u with intrinsic embedding p*_u, latent feature keys f_1..f_K and the user's
// value memory M = [m_1 .. m_K] (K x D):
//   read, candidate i:  w_k = q_i . f_k,  z = softmax(beta w),  p^m = sum_k z_k m_k
//                       logit = p*_u . q_i + alpha p^m . q_i = p*_u . q_i + alpha sum_k z_k (m_k . q_i)
//   write, purchase v:  z = softmax(beta F q_v)   (the same attention, with q_v as the query)
//                       e = sigmoid(E^T q_v + b_e),  a = tanh(A^T q_v + b_a)
//                       m_k <- m_k * (1 - z_k e) + z_k a      (elementwise; erase, then add)
// The initial memory is all zeros *(our choice: the paper does not say; docs/model.md)*: before the
// first purchase the memory reads 0 and the model is MF, and no per-user state beyond p*_u is
// learnt. With alpha = 0 nothing is read, so the memory is not even formed (plain MF).
// The training kernel (kernel.ts) and the scorers (score.ts) keep their own loops for speed; the
// tests hold them equal to these functions.
import { checkRow } from '../memory';
import { softmaxExp } from '../rum-item/forward';
import type { RumFeatureParams, Table } from './params';

/** One write's gates: the write attention z (K), erase e (D) and add a (D). */
export interface WriteGates {
  z: Float64Array;
  erase: Float64Array;
  add: Float64Array;
}

export function createWriteGates(K: number, D: number): WriteGates {
  return { z: new Float64Array(K), erase: new Float64Array(D), add: new Float64Array(D) };
}

/**
 * z = softmax(beta (q . f_k)) over the K keys for the query row q = table[qo .. qo + D), into z;
 * `w` receives the raw dots q . f_k. K = 0 leaves both empty.
 */
export function keyAttention(p: RumFeatureParams<Table>, table: Table, qo: number, w: Float64Array, z: Float64Array): void {
  const { dim: D, slots: K, beta } = p.config;
  const F = p.keys;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += table[qo + d] * F[k * D + d];
    w[k] = s;
  }
  const S = softmaxExp(w, 0, K, beta, z, 0);
  for (let k = 0; k < K; k++) z[k] /= S;
}

/** The write gates of purchase `item`: z, e and a (see the header). */
export function writeGates(p: RumFeatureParams<Table>, item: number, gates: WriteGates, w = new Float64Array(p.config.slots)): WriteGates {
  const D = p.config.dim;
  const Q = p.item;
  const qo = item * D;
  keyAttention(p, Q, qo, w, gates.z);
  for (let d = 0; d < D; d++) {
    let u = p.eraseBias[d];
    let s = p.addBias[d];
    for (let j = 0; j < D; j++) {
      u += p.erase[j * D + d] * Q[qo + j];
      s += p.add[j * D + d] * Q[qo + j];
    }
    gates.erase[d] = 1 / (1 + Math.exp(-u));
    gates.add[d] = Math.tanh(s);
  }
  return gates;
}

/** m_k <- m_k * (1 - z_k e) + z_k a, in place on M (K x D, row-major). */
export function applyWrite(M: Float64Array, gates: WriteGates, K: number, D: number): void {
  const { z, erase, add } = gates;
  for (let k = 0; k < K; k++) {
    const zk = z[k];
    const o = k * D;
    for (let d = 0; d < D; d++) M[o + d] = M[o + d] * (1 - zk * erase[d]) + zk * add[d];
  }
}

/**
 * The memory after the purchases `history` (oldest first; negative entries are padding and
 * skipped), from the all-zero start: K x D, row-major. Zeros when alpha = 0 (nothing is read).
 */
export function memoryAfter(p: RumFeatureParams<Table>, history: ArrayLike<number>, M = new Float64Array(p.config.slots * p.config.dim)): Float64Array {
  const { dim: D, slots: K, alpha } = p.config;
  M.fill(0);
  if (alpha === 0 || K === 0) return M;
  const gates = createWriteGates(K, D);
  const w = new Float64Array(K);
  for (let s = 0; s < history.length; s++) {
    const v = history[s];
    if (v < 0) continue;
    checkRow(v, p.nItems, 'history item');
    applyWrite(M, writeGates(p, v, gates, w), K, D);
  }
  return M;
}

export interface FeatureRead {
  logit: number;
  /** p*_u . q_i */
  intrinsic: number;
  /** alpha p^m . q_i = the sum of slotShare. */
  memoryTerm: number;
  /** q_i . f_k: the attention's inputs before beta (K). */
  keyDots: Float64Array;
  /** z_k = softmax(beta keyDots)_k (K), summing to 1 when K > 0. */
  attention: Float64Array;
  /** m_k . q_i: what slot k adds per unit of attention (K). */
  valueDots: Float64Array;
  /** alpha z_k (m_k . q_i): slot k's additive share of the logit (K). */
  slotShare: Float64Array;
}

/**
 * The reference read of candidate `item` for `user` with memory M (memoryAfter): the logit, its
 * split into intrinsic and per-slot shares, and the attention. With alpha = 0 the shares are 0.
 */
export function readCandidate(p: RumFeatureParams<Table>, user: number, M: Float64Array, item: number): FeatureRead {
  const { dim: D, slots: K, alpha } = p.config;
  checkRow(user, p.nUsers, 'user');
  checkRow(item, p.nItems, 'item');
  const qo = item * D;
  let intrinsic = 0;
  for (let d = 0; d < D; d++) intrinsic += p.user[user * D + d] * p.item[qo + d];
  const keyDots = new Float64Array(K);
  const attention = new Float64Array(K);
  keyAttention(p, p.item, qo, keyDots, attention);
  const valueDots = new Float64Array(K);
  const slotShare = new Float64Array(K);
  let memoryTerm = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += M[k * D + d] * p.item[qo + d];
    valueDots[k] = s;
    slotShare[k] = alpha * attention[k] * s;
    memoryTerm += slotShare[k];
  }
  return { logit: intrinsic + memoryTerm, intrinsic, memoryTerm, keyDots, attention, valueDots, slotShare };
}
