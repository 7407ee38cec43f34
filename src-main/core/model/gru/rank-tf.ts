// Full ranking on tfjs (ModelSpec.rankTf), used when a fast backend runs: each user's GRU state is
// computed in JS (GruRunner: a chain of D x D steps, which tfjs would launch kernel by kernel),
// then the catalogue product h . q_i for a batch of users is one matMul, where wasm is several
// times faster than V8's loop, with the exclusions added and tf.topk. Same contract as
// rankAllUsers (score.ts); rank-tf.test.ts holds the two equal. Measured: the test ranking of a
// Baby-shaped generated log (2379 users, 14037 items, D 32) in ~2.0 s on wasm against ~5.5-6.5 s
// for the JS loop.
import { checkRow } from '../memory';
import type { RankFn } from '../../train/protocol';
import { tfjs } from '../tfjs';
import type { GruTables } from './params';
import { GruRunner } from './score';

/** Users per matMul; the [items, batch] logits of a 25k catalogue at 64 users are 6.4 MB. */
export const DEFAULT_BATCH_USERS = 64;

export function rankAllUsersTf(tables: GruTables, batchUsers = DEFAULT_BATCH_USERS): RankFn {
  if (!Number.isInteger(batchUsers) || batchUsers < 1) throw new Error(`batchUsers must be a positive integer, got ${batchUsers}`);
  return (users, memories, excluded, n) => {
    if (memories.length !== users.length || excluded.length !== users.length) {
      throw new Error(`users (${users.length}), memories (${memories.length}) and excluded (${excluded.length}) must have the same length`);
    }
    const tf = tfjs();
    const N = tables.nItems;
    const D = tables.dim;
    const k = Math.max(0, Math.min(Math.floor(n), N));
    if (users.length === 0) return [];
    if (k === 0) return Array.from(users, () => new Int32Array(0));
    for (const ex of excluded) for (const i of ex) checkRow(i, N, 'excluded item');
    const B = Math.min(batchUsers, users.length);
    const runner = new GruRunner(tables);
    // Right-hand operand built transposed in JS ([D, users]): on wasm a matMul with transposeB is
    // about 7x slower (rum-item/rank.ts).
    const cols = new Float32Array(D * B);
    const exclusion = new Float32Array(B * N);
    const results: Int32Array[] = [];
    const Q = tf.tensor2d(tables.item instanceof Float32Array ? tables.item : Float32Array.from(tables.item), [N, D]);
    try {
      for (let start = 0; start < users.length; start += B) {
        const b = Math.min(B, users.length - start);
        for (let j = 0; j < b; j++) {
          const h = runner.run(memories[start + j]).h;
          for (let d = 0; d < D; d++) cols[d * b + j] = h[d];
          for (const i of excluded[start + j]) exclusion[j * N + i] = -Infinity;
        }
        const [values, indices] = tf.tidy(() => {
          const logits = tf.matMul(Q, tf.tensor2d(cols.subarray(0, D * b), [D, b]));
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
    }
    return results;
  };
}
