// Full ranking on tfjs, for when a fast backend (wasm, tensorflow) runs: the same contract and
// numbers as rankAllUsersJs (score.ts), which costs ~28 ms a user on a 14k-item catalogue at
// D = 32, K = 20 in V8 and so made validation slower than a training epoch.
//
// For a batch of b users: each user's memory is formed in JS (the write recursion, memoryAfter),
// then one matMul dots every item with every user's p*_u and m_1..m_K: S = Q [p, m_1..m_K]
// ([N, b (K+1)]). The user-independent attention is the weight table W = [1, alpha z_1..z_K]
// per item ([N, K+1], z = keyAttentionTable), so logits[i, j] = sum_c S[i, j, c] W[i, c].
import { checkRow } from '../memory';
import { tfjs } from '../tfjs';
import { memoryAfter } from './forward';
import type { RumFeatureParams } from './params';
import { keyAttentionTable } from './score';

/** Users per batch: the intermediate is nItems x batch x (K+1) floats (19 MB at 14k items, K = 20, 16 users). */
export const DEFAULT_BATCH_USERS = 16;

/** Top-n items per user, best first, never an excluded item; `memories[j]` is user j's whole history. */
export function rankAllUsersTf(
  p: RumFeatureParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  Z: Float64Array = keyAttentionTable(p),
  batchUsers = DEFAULT_BATCH_USERS,
): Int32Array[] {
  const tf = tfjs();
  if (memories.length !== users.length || excluded.length !== users.length) {
    throw new Error(`users (${users.length}), memories (${memories.length}) and excluded (${excluded.length}) must have the same length`);
  }
  if (!Number.isInteger(batchUsers) || batchUsers < 1) throw new Error(`batchUsers must be a positive integer, got ${batchUsers}`);
  for (let j = 0; j < users.length; j++) {
    checkRow(users[j], p.nUsers, 'user');
    for (const i of excluded[j]) checkRow(i, p.nItems, 'excluded item');
  }
  const { dim: D, alpha } = p.config;
  const N = p.nItems;
  // With no memory read, only the p*_u column is needed.
  const K = alpha !== 0 ? p.config.slots : 0;
  const R = K + 1;
  const k = Math.max(0, Math.min(Math.floor(n), N));
  const results: Int32Array[] = [];
  if (users.length === 0) return results;
  if (k === 0) return Array.from(users, () => new Int32Array(0));
  const B = Math.min(batchUsers, users.length);
  const weights = new Float32Array(N * R);
  for (let i = 0; i < N; i++) {
    weights[i * R] = 1;
    for (let c = 0; c < K; c++) weights[i * R + 1 + c] = alpha * Z[i * K + c];
  }
  const Q = tf.tensor2d(p.item, [N, D]);
  const W = tf.tensor3d(weights, [N, 1, R]);
  // Right-hand operand built transposed in JS ([D, columns]): on wasm a matMul with transposeB is much slower.
  const cols = new Float32Array(D * B * R);
  const exclusion = new Float32Array(B * N);
  const M = new Float64Array(p.config.slots * D);
  try {
    for (let start = 0; start < users.length; start += B) {
      const b = Math.min(B, users.length - start);
      const width = b * R;
      for (let j = 0; j < b; j++) {
        const u = users[start + j];
        const c0 = j * R;
        for (let d = 0; d < D; d++) cols[d * width + c0] = p.user[u * D + d];
        if (K > 0) {
          memoryAfter(p, memories[start + j], M);
          for (let c = 0; c < K; c++) for (let d = 0; d < D; d++) cols[d * width + c0 + 1 + c] = M[c * D + d];
        }
        for (const i of excluded[start + j]) exclusion[j * N + i] = -Infinity;
      }
      const [values, indices] = tf.tidy(() => {
        const S = tf.reshape(tf.matMul(Q, tf.tensor2d(cols.subarray(0, D * width), [D, width])), [N, b, R]);
        const logits = tf.sum(tf.mul(S, W), 2); // [N, b]
        const masked = tf.add(tf.transpose(logits), tf.tensor2d(exclusion.subarray(0, b * N), [b, N]));
        const top = tf.topk(masked, k, true);
        return [top.values.dataSync() as Float32Array, top.indices.dataSync() as Int32Array] as const;
      });
      for (let j = 0; j < b; j++) {
        // topk fills k places; excluded items (-Infinity) appear only once nothing else is left.
        let m = 0;
        while (m < k && values[j * k + m] !== -Infinity) m++;
        results.push(indices.slice(j * k, j * k + m));
        for (const i of excluded[start + j]) exclusion[j * N + i] = 0;
      }
    }
  } finally {
    Q.dispose();
    W.dispose();
  }
  return results;
}
