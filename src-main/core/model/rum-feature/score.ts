// Feature-level RUM logits for every item: the write recursion over the history once (forward.ts,
// memoryAfter), then per item the read. Unlike item-level RUM, the attention over the latent
// slots, softmax(beta q_i . f_k), does not depend on the user: a ranking of many users computes it
// once for the catalogue (keyAttentionTable, nItems x K) and each user then costs one dot of the
// item with p*_u and each m_k, O(D (K + 1)) per item, with no exp.
import { dot4, dotsWithRows } from '../dot';
import { checkRow } from '../memory';
import { topN } from '../../eval/top-n';
import { softmaxExp } from '../rum-item/forward';
import { applyWrite, createWriteGates, memoryAfter, writeGates } from './forward';
import type { RumFeatureParams } from './params';

/** z[i*K + k] = softmax_k(beta q_i . f_k) for every item: the user-independent half of the read. */
export function keyAttentionTable(p: RumFeatureParams): Float64Array {
  const { dim: D, slots: K, beta } = p.config;
  const Z = new Float64Array(p.nItems * K);
  const keys = Float64Array.from(p.keys);
  const qv = new Float64Array(D);
  const w = new Float64Array(K);
  const D4 = D - (D % 4);
  for (let i = 0; i < p.nItems; i++) {
    for (let d = 0; d < D; d++) qv[d] = p.item[i * D + d];
    itemAttention(keys, qv, K, D, D4, beta, w, Z, i * K);
  }
  return Z;
}

// The one place the scorers compute an item's attention, so that a cached table and a fresh
// computation give the same bits (the registry's checks compare score with rank exactly).
function itemAttention(keys: Float64Array, qv: Float64Array, K: number, D: number, D4: number, beta: number, w: Float64Array, z: Float64Array, zo: number): void {
  dotsWithRows(keys, 0, K, qv, D, D4, w, 0);
  const S = softmaxExp(w, 0, K, beta, z, zo);
  for (let k = 0; k < K; k++) z[zo + k] /= S;
}

/**
 * Logits of every item for `user` whose memory is M (K x D, memoryAfter). `Z`, when given, is
 * keyAttentionTable(p) (computed here per item otherwise; the same numbers either way).
 */
export function scoreWithMemory(p: RumFeatureParams, user: number, M: Float64Array, out?: Float32Array, Z?: Float64Array): Float32Array {
  const { dim: D, slots: K, alpha, beta } = p.config;
  const nItems = p.nItems;
  checkRow(user, p.nUsers, 'user');
  if (out && out.length < nItems) throw new Error(`out has ${out.length} entries, need ${nItems}`);
  const result = out ?? new Float32Array(nItems);
  const useMemory = alpha !== 0 && K > 0;
  // [p*_u, m_1, .., m_K] in one float64 block: every item is dotted with all of them.
  const rows = new Float64Array((K + 1) * D);
  for (let d = 0; d < D; d++) rows[d] = p.user[user * D + d];
  if (useMemory) rows.set(M.subarray(0, K * D), D);
  const keys = Z ? undefined : Float64Array.from(p.keys);
  const Q = p.item;
  const qv = new Float64Array(D);
  const v = new Float64Array(K);
  const w = new Float64Array(K);
  const z = Z ?? new Float64Array(K);
  const D4 = D - (D % 4);
  for (let i = 0; i < nItems; i++) {
    const qo = i * D;
    for (let d = 0; d < D; d++) qv[d] = Q[qo + d];
    const intrinsic = dot4(rows, 0, qv, D, D4);
    if (!useMemory) {
      result[i] = intrinsic;
      continue;
    }
    dotsWithRows(rows, 1, K, qv, D, D4, v, 0);
    let zo = 0;
    if (keys) itemAttention(keys, qv, K, D, D4, beta, w, z, 0);
    else zo = i * K;
    let f = 0;
    for (let k = 0; k < K; k++) f += z[zo + k] * v[k];
    result[i] = intrinsic + alpha * f;
  }
  return result;
}

/** Logits of every item for `user` after `history` (oldest first, negative = padding): the whole history is read. */
export function scoreAllItems(p: RumFeatureParams, user: number, history: ArrayLike<number>, out?: Float32Array, Z?: Float64Array): Float32Array {
  checkRow(user, p.nUsers, 'user');
  return scoreWithMemory(p, user, memoryAfter(p, history), out, Z);
}

/**
 * Top-n items per user, best first, never an excluded item (the RankFn contract, core/train/protocol.ts).
 * `memories[j]` is user j's whole history up to the cut, oldest first (historyLength is Infinity).
 */
export function rankAllUsersJs(
  p: RumFeatureParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  Z: Float64Array = keyAttentionTable(p),
): Int32Array[] {
  if (memories.length !== users.length || excluded.length !== users.length) {
    throw new Error(`users (${users.length}), memories (${memories.length}) and excluded (${excluded.length}) must have the same length`);
  }
  const scores = new Float32Array(p.nItems);
  const mask = new Uint8Array(p.nItems);
  const M = new Float64Array(p.config.slots * p.config.dim);
  const results: Int32Array[] = [];
  for (let j = 0; j < users.length; j++) {
    const ex = excluded[j];
    for (let e = 0; e < ex.length; e++) checkRow(ex[e], p.nItems, 'excluded item');
    checkRow(users[j], p.nUsers, 'user');
    scoreWithMemory(p, users[j], memoryAfter(p, memories[j], M), scores, Z);
    for (let e = 0; e < ex.length; e++) mask[ex[e]] = 1;
    results.push(topN(scores, n, mask));
    for (let e = 0; e < ex.length; e++) mask[ex[e]] = 0;
  }
  return results;
}

/**
 * Scores at the steps of one user's timeline: scores(t, out) = scoreAllItems(p, user, items[0, t)),
 * the memory carried from step to step (one write a step instead of t), restarted when t goes back.
 */
export function timelineScores(p: RumFeatureParams, user: number, items: Int32Array): (t: number, out: Float32Array) => Float32Array {
  const { dim: D, slots: K, alpha } = p.config;
  checkRow(user, p.nUsers, 'user');
  const Z = keyAttentionTable(p);
  const M = new Float64Array(K * D);
  const gates = createWriteGates(K, D);
  const w = new Float64Array(K);
  let written = 0;
  return (t, out) => {
    if (!(Number.isInteger(t) && t >= 0 && t <= items.length)) throw new Error(`step ${t} outside 0..${items.length}`);
    if (t < written) {
      M.fill(0);
      written = 0;
    }
    for (; written < t; written++) {
      const v = items[written];
      if (v < 0 || alpha === 0 || K === 0) continue;
      checkRow(v, p.nItems, 'history item');
      applyWrite(M, writeGates(p, v, gates, w), K, D);
    }
    return scoreWithMemory(p, user, M, out, Z);
  };
}
