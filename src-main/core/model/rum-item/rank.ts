// Full ranking (every item, every user) for evaluation: a batched tfjs path, whose cost is dense
// matMuls and elementwise passes that the wasm backend runs far faster than V8, and a pure-JS
// path over scoreAllItems with the same contract, for when no fast backend loads and as the
// tfjs path's reference in tests. tfjs comes from core/model/tfjs.ts (loaded by initBackend).
import { tfjs } from '../tfjs';
import type { RumItemParams } from './params';
import { memoryBefore } from '../memory';
import { scoreAllItems } from './score';
import { topN } from '../../eval/top-n';

/**
 * Users per batch. The big intermediates are nItems x batch x K floats (about 18 MB each for a
 * 14k-item catalogue, K = 20, at 16 users); bench/rank-speed.ts found batches of 16 to 128 equally
 * fast on wasm, so the smallest keeps memory lowest.
 */
export const DEFAULT_BATCH_USERS = 16;

// A padding slot's attention score: exp() underflows to exactly 0 next to any real slot, and
// being finite, 0 x MASKED stays 0 rather than NaN.
const MASKED = -1e9;

/**
 * Top-n items per user, best first, never an excluded item; fewer than n when fewer items remain.
 * `memories[j]` holds user j's memory items oldest first; negative entries are padding and only
 * the last K real items are read, as in scoreAllItems. Runs on whatever backend tfjs has.
 */
export function rankAllUsersTf(
  params: RumItemParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  batchUsers = DEFAULT_BATCH_USERS,
): Int32Array[] {
  const tf = tfjs();
  checkRankInputs(params, users, memories, excluded, batchUsers);
  const { dim: D, slots, alpha, beta } = params.config;
  const N = params.nItems;
  const k = Math.max(0, Math.min(Math.floor(n), N));
  const results: Int32Array[] = [];
  if (users.length === 0) return results;
  if (k === 0) return Array.from(users, () => new Int32Array(0));
  // With beta = 0 the attention is uniform, so the memory part is alpha q_i . mean(q_m): it folds
  // into the user's row and the model ranks like MF. So does alpha = 0.
  const attend = alpha !== 0 && beta !== 0;
  const K = attend ? slots : 0;
  // Rows get one extra coordinate (1 for items), which lets the matMul add each memory slot's
  // padding mask itself instead of an elementwise pass over nItems x batch x K.
  const A = D + 1;
  const B = Math.min(batchUsers, users.length);
  const Q = tf.tensor2d(augmentedItems(params), [N, A]);
  // Right-hand operands are built transposed in JS ([A, columns]): on the wasm backend a matMul
  // with transposeB runs about 7x slower than the same product without it.
  const userCols = new Float32Array(A * B);
  const memCols = new Float32Array(A * B * K);
  const exclusion = new Float32Array(B * N);
  try {
    for (let start = 0; start < users.length; start += B) {
      const b = Math.min(B, users.length - start);
      fillUserColumns(params, users, memories, start, b, attend, userCols);
      if (attend) fillMemoryColumns(params, memories, start, b, memCols);
      for (let j = 0; j < b; j++) for (const i of excluded[start + j]) exclusion[j * N + i] = -Infinity;

      const top = tf.tidy(() => {
        // [N, b]: p*_u . q_i (plus the folded memory part when beta = 0).
        let logits = tf.matMul(Q, tf.tensor2d(userCols.subarray(0, A * b), [A, b]));
        if (attend) {
          // [N, b*K] viewed as [N, b, K]: K last, so one Softmax kernel does the whole attention.
          // The memory rows were scaled by beta, so these are the softmax's inputs beta W.
          const scaled = tf.reshape(tf.matMul(Q, tf.tensor2d(memCols.subarray(0, A * b * K), [A, b * K])), [N, b, K]);
          const z = tf.softmax(scaled);
          // sum z (beta W) / beta = p^m . q_i
          logits = tf.add(logits, tf.mul(tf.sum(tf.mul(z, scaled), 2), alpha / beta));
        }
        const masked = tf.add(tf.transpose(logits), tf.tensor2d(exclusion.subarray(0, b * N), [b, N]));
        const { values, indices } = tf.topk(masked, k, true);
        return [values.dataSync() as Float32Array, indices.dataSync() as Int32Array] as const;
      });

      for (let j = 0; j < b; j++) {
        const [values, indices] = top;
        // topk has to fill k places; excluded items (-Infinity) only appear once nothing else is left.
        let m = 0;
        while (m < k && values[j * k + m] !== -Infinity) m++;
        results.push(indices.slice(j * k, j * k + m));
        for (const i of excluded[start + j]) exclusion[j * N + i] = 0;
      }
    }
  } finally {
    Q.dispose();
  }
  return results;
}

/**
 * The same ranking in plain JS: scoreAllItems per user, then a size-n heap. Slower than wasm but
 * several times faster than the tfjs cpu backend, so it is the fallback when wasm is missing.
 */
export function rankAllUsersJs(
  params: RumItemParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  _batchUsers?: number,
): Int32Array[] {
  checkRankInputs(params, users, memories, excluded, 1);
  const scores = new Float32Array(params.nItems);
  const mask = new Uint8Array(params.nItems);
  const results: Int32Array[] = [];
  for (let j = 0; j < users.length; j++) {
    scoreAllItems(params, users[j], memories[j], scores);
    const ex = excluded[j];
    for (let e = 0; e < ex.length; e++) mask[ex[e]] = 1;
    results.push(topN(scores, n, mask));
    for (let e = 0; e < ex.length; e++) mask[ex[e]] = 0;
  }
  return results;
}

/** Item rows with a trailing 1, the coordinate that carries each memory slot's mask. */
function augmentedItems(params: RumItemParams): Float32Array {
  const D = params.config.dim;
  const out = new Float32Array(params.nItems * (D + 1));
  for (let i = 0; i < params.nItems; i++) {
    out.set(params.item.subarray(i * D, (i + 1) * D), i * (D + 1));
    out[i * (D + 1) + D] = 1;
  }
  return out;
}

/** Column j = p*_u, plus alpha mean(q_m) when attention is uniform (beta = 0); mask row 0. */
function fillUserColumns(
  params: RumItemParams,
  users: Int32Array,
  memories: Int32Array[],
  start: number,
  b: number,
  attend: boolean,
  out: Float32Array,
): void {
  const { dim: D, slots, alpha } = params.config;
  out.fill(0, 0, (D + 1) * b);
  for (let j = 0; j < b; j++) {
    const uo = users[start + j] * D;
    for (let d = 0; d < D; d++) out[d * b + j] = params.user[uo + d];
    if (attend || alpha === 0) continue;
    const mem = memoryBefore(memories[start + j], memories[start + j].length, slots);
    for (const m of mem) for (let d = 0; d < D; d++) out[d * b + j] += (alpha * params.item[m * D + d]) / mem.length;
  }
}

/**
 * Column j*K + s = beta q_m for user j's slot s, mask coordinate 0. A padding slot is the zero
 * vector with mask coordinate MASKED, so its softmax input is MASKED and its weight exactly 0;
 * when the user has no memory at all it stays 0, so every slot scores 0 and the sum is 0.
 */
function fillMemoryColumns(params: RumItemParams, memories: Int32Array[], start: number, b: number, out: Float32Array): void {
  const { dim: D, slots: K, beta } = params.config;
  const cols = b * K;
  out.fill(0, 0, (D + 1) * cols);
  for (let j = 0; j < b; j++) {
    const mem = memoryBefore(memories[start + j], memories[start + j].length, K);
    for (let s = 0; s < K; s++) {
      const c = j * K + s;
      if (s >= mem.length) {
        if (mem.length > 0) out[D * cols + c] = MASKED;
        continue;
      }
      const qo = mem[s] * D;
      for (let d = 0; d < D; d++) out[d * cols + c] = beta * params.item[qo + d];
    }
  }
}

export function checkRankInputs(
  params: RumItemParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  batchUsers: number,
): void {
  if (memories.length !== users.length || excluded.length !== users.length) {
    throw new Error(`users (${users.length}), memories (${memories.length}) and excluded (${excluded.length}) must have the same length`);
  }
  if (!Number.isInteger(batchUsers) || batchUsers < 1) throw new Error(`batchUsers must be a positive integer, got ${batchUsers}`);
  for (let j = 0; j < users.length; j++) {
    if (!(users[j] >= 0 && users[j] < params.nUsers)) throw new Error(`user id ${users[j]} outside 0..${params.nUsers - 1}`);
    for (const m of memories[j]) if (m >= params.nItems) throw new Error(`memory item id ${m} outside 0..${params.nItems - 1}`);
    for (const i of excluded[j]) if (!(i >= 0 && i < params.nItems)) throw new Error(`excluded item id ${i} outside 0..${params.nItems - 1}`);
  }
}
