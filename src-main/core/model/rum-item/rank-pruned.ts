// Full ranking for evaluation without scoring every item's memory part (issue 13 item 2). The
// memory part is alpha times an attention-weighted mean of the dots q_i . q_m over the memory, so
// it lies within |alpha| max_k |q_i . q_mk| <= |alpha| |q_i| max_k |q_mk| (Cauchy-Schwarz): each
// item's logit is at most its intrinsic part plus |alpha| |q_i| M_u. The intrinsic parts of a
// batch of users come from one tfjs matMul (cheap: D multiply-adds per item); only the items whose
// bound reaches the N-th best exact logit are scored in full (K dots each), which on trained
// models is tens of items out of thousands. The result equals rankAllUsersJs's exactly: the
// scored items' logits come from the same UserScorer, rounded to float32 as it stores them, and
// the bound keeps a margin over the float32 matMul's rounding. Where the bounds do not prune (an
// untrained model), a user is ranked by scoring every item instead (DENSE_SHARE).
import { tfjs } from '../tfjs';
import type { RumItemParams } from './params';
import { checkRankInputs, rankAllUsersJs, rankAllUsersTf } from './rank';
import { UserScorer } from './score';

/** Users per matMul: [users, D] x [D, items] gives users x items floats (57 MB at 512 x 28k). */
export const PRUNED_BATCH_USERS = 512;

/** How many more items than n are scored first, by bound, to set the first threshold. */
const FIRST_EXTRA = 8;

/**
 * Past 3 % of the catalogue, scoring candidates one by one in JS costs more than the dense tfjs
 * ranking of the same user (about 30 items' full scores cost what a dense user does per item x 1/30;
 * measured on a Baby-shaped model: 88 items a user trained, thousands untrained).
 */
export const DENSE_SHARE = 0.03;

/** What the pruning did, for the bench: items scored in full per user, and users ranked densely. */
export interface PruneStats {
  users: number;
  scored: number;
  dense: number;
}

/** Top-n items per user, best first, never an excluded item: the same lists as rankAllUsersJs. */
export function rankAllUsersPruned(
  params: RumItemParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  batchUsers = PRUNED_BATCH_USERS,
  stats?: PruneStats,
  /** Intrinsic parts by a tfjs matMul (a fast backend), or by JS loops (no tfjs, or its slow cpu backend). */
  intrinsics: 'tfjs' | 'js' = 'tfjs',
  /** Past this share of the catalogue reaching the threshold, a user is ranked densely (Infinity: never). */
  denseShare = DENSE_SHARE,
): Int32Array[] {
  checkRankInputs(params, users, memories, excluded, batchUsers);
  const { dim: D } = params.config;
  const N = params.nItems;
  const k = Math.max(0, Math.min(Math.floor(n), N));
  const results: Int32Array[] = [];
  if (users.length === 0) return results;
  if (k === 0) return Array.from(users, () => new Int32Array(0));
  const reach = Math.abs(params.config.alpha);
  const norm = new Float64Array(N);
  for (let i = 0; i < N; i++) norm[i] = norm2(params.item, i * D, D);
  const tf = intrinsics === 'tfjs' ? tfjs() : null;
  // Item rows transposed, [D, N], for the matMul only: on wasm a matMul with transposeB runs several times slower.
  let Qt = null;
  if (tf) {
    const qt = new Float32Array(D * N);
    for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) qt[d * N + i] = params.item[i * D + d];
    Qt = tf.tensor2d(qt, [D, N]);
  }
  const B = Math.min(batchUsers, users.length);
  const intrJs = tf ? null : new Float64Array(N);
  const rows = new Float32Array(B * D);
  const mask = new Uint8Array(N);
  const bound = new Float64Array(N);
  const picker = new TopK(Math.min(N, k + FIRST_EXTRA));
  const best = new TopK(k);
  const denseAt: number[] = [];
  try {
    for (let start = 0; start < users.length; start += B) {
      const b = Math.min(B, users.length - start);
      for (let j = 0; j < b; j++) rows.set(params.user.subarray(users[start + j] * D, (users[start + j] + 1) * D), j * D);
      let intr: Float32Array | Float64Array;
      if (tf && Qt) {
        // The tensor leaves tidy, not its data: tidy would walk a returned typed array element by element.
        const product = tf.tidy(() => tf.matMul(tf.tensor2d(rows.subarray(0, b * D), [b, D]), Qt));
        intr = product.dataSync() as Float32Array;
        product.dispose();
      } else {
        // Filled per user below: one row, not a batch's.
        intr = intrJs!;
      }
      for (let j = 0; j < b; j++) {
        const u = users[start + j];
        const scorer = new UserScorer(params, u, memories[start + j]);
        let M = 0;
        for (const m of scorer.memory) M = Math.max(M, norm[m]);
        const spread = reach * M;
        let row = j * N;
        if (!tf) {
          row = 0;
          for (let i = 0; i < N; i++) {
            let x = 0;
            for (let d = 0; d < D; d++) x += rows[j * D + d] * params.item[i * D + d];
            intr[i] = x;
          }
        }
        // float32 rounding of a D-term dot is below D 2^-24 sum |p_d q_d| <= D 2^-24 |p| |q|, and
        // the stored float32 logit may round up by 2^-24 of itself: both well inside this margin.
        const pu = norm2(params.user, u * D, D);
        for (let i = 0; i < N; i++) {
          const x = intr[row + i];
          bound[i] = x + spread * norm[i] + 1e-5 * (1 + pu * norm[i]) + 1e-6 * Math.abs(x);
        }
        for (const i of excluded[start + j]) mask[i] = 1;
        // The first threshold: score in full the items with the highest bounds.
        picker.clear();
        // Most items fall below the kept ones: the inline test skips the call (ties go to offer).
        for (let i = 0; i < N; i++) if (!mask[i] && !(picker.full() && bound[i] < picker.worst())) picker.offer(i, bound[i]);
        best.clear();
        const first = picker.items();
        for (const i of first) {
          best.offer(i, Math.fround(scorer.logit(i)));
          mask[i] = 2;
        }
        let scored = first.length;
        // An untrained model's intrinsic parts barely differ, so most bounds reach the threshold:
        // scoring those one by one in JS would be slower than the dense ranking, which takes them.
        // Then every item whose bound still reaches the n-th best exact logit, which only rises.
        // (Fewer than n kept: fewer than n items are left, and the first pass scored them all.)
        let dense = false;
        const limit = first.length + denseShare * N;
        for (let i = 0; i < N && best.full(); i++) {
          if (mask[i] || bound[i] < best.worst()) continue;
          if (++scored > limit) {
            dense = true;
            break;
          }
          best.offer(i, Math.fround(scorer.logit(i)));
        }
        for (const i of first) mask[i] = 0;
        for (const i of excluded[start + j]) mask[i] = 0;
        results.push(Int32Array.from(best.items()));
        if (dense) denseAt.push(start + j);
        if (stats) {
          stats.users++;
          stats.scored += dense ? N : scored;
          if (dense) stats.dense++;
        }
      }
    }
    // Users whose bounds did not prune, ranked by scoring every item, all in one call (the dense
    // ranking sets up its item tensor per call): JS's UserScorer (the same floats) without a fast
    // backend, else the dense tfjs ranking (float32 throughout).
    if (denseAt.length) {
      const sub = Int32Array.from(denseAt, (x) => users[x]);
      const lists = (tf ? rankAllUsersTf : rankAllUsersJs)(params, sub, denseAt.map((x) => memories[x]), denseAt.map((x) => excluded[x]), n);
      denseAt.forEach((x, r) => (results[x] = lists[r]));
    }
  } finally {
    Qt?.dispose();
  }
  return results;
}

function norm2(table: Float32Array, offset: number, D: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += table[offset + d] ** 2;
  return Math.sqrt(s);
}

/**
 * The `size` best (value, item) pairs offered, best first on output; equal values rank the lower
 * item first, as topN does. A sorted array: sizes are n + a few, so insertion is cheap.
 */
class TopK {
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  private count = 0;

  constructor(private readonly size: number) {
    this.idx = new Int32Array(size);
    this.val = new Float64Array(size);
  }

  clear(): void {
    this.count = 0;
  }

  full(): boolean {
    return this.count === this.size;
  }

  /** The value an offer must beat once full. */
  worst(): number {
    return this.count ? this.val[this.count - 1] : -Infinity;
  }

  offer(item: number, value: number): void {
    if (this.size === 0) return;
    // NaN never enters ahead of a real value (topN ranks it last).
    const v = Number.isNaN(value) ? -Infinity : value;
    const { val, idx } = this;
    if (this.count === this.size && !(v > val[this.count - 1] || (v === val[this.count - 1] && item < idx[this.count - 1]))) return;
    let p = this.count === this.size ? this.count - 1 : this.count++;
    while (p > 0 && (v > val[p - 1] || (v === val[p - 1] && item < idx[p - 1]))) {
      this.val[p] = this.val[p - 1];
      this.idx[p] = this.idx[p - 1];
      p--;
    }
    this.val[p] = v;
    this.idx[p] = item;
  }

  items(): number[] {
    return Array.from(this.idx.subarray(0, this.count));
  }
}
