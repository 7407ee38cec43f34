// Full ranking for evaluation without scoring every item (issue 13 item 2). Item i's logit is
// p*_u . q_i + alpha sum_k z_k (q_i . q_mk), and the attention-weighted mean of the dots lies
// between their smallest and largest, so for any centre c, with r = max_k |q_mk - c|:
//   logit_i <= (p*_u + alpha c) . q_i + |alpha| r |q_i|        (Cauchy-Schwarz on q_i . (q_mk - c))
//           <= |q_i| (|p*_u + alpha c| + |alpha| r)            (Cauchy-Schwarz again).
// c is the centre of a small ball around the memory rows (memoryBall), so r is the memory's spread
// rather than its largest norm (on a trained Baby-shaped model: 2.0 against 3.3, and half as
// many items scored). Items are visited by decreasing norm, in chunks (256 items, then doubling):
// once the second bound falls below the n-th best exact logit so far, no later item can enter and
// the rest of the catalogue is never read (780 items of 14k per user on that model). Within a
// chunk, the first bound (D + 1 multiply-adds: for a batch of users at once by a tfjs matMul on a
// fast backend) picks the items scored in full (K dots and a softmax, UserScorer), best bound
// first, so the threshold rises as fast as it can and the fewest are scored (43 per user there).
//
// The result equals rankAllUsersJs's exactly: scored items' logits come from the same
// UserScorer, rounded to float32 as scoreAllItems stores them; an item is skipped only when its
// bound, with a margin over the float32 matMul's rounding, float64 rounding and that float32
// rounding, is strictly below the n-th best logit, so it could not even tie. A non-finite row or
// bound never prunes (comparisons with NaN are false), so such an item is scored, as the dense
// ranking would. With a fast tfjs backend a user whose bounds do not prune (an untrained model)
// is ranked densely instead (DENSE_SHARE): tfjs's dense ranking rounds in float32, so near-ties
// may order differently there.
import { dot4 } from '../dot';
import { tfjs, type TfModule } from '../tfjs';
import type { RumItemParams } from './params';
import { checkRankInputs, rankAllUsersJs, rankAllUsersTf } from './rank';
import { UserScorer } from './score';

/** Users per matMul of the bounds: [users, D + 1] x [D + 1, chunk] floats out (8 MB at 512 x 4096). */
export const PRUNED_BATCH_USERS = 512;

/** The first chunk of items by norm: most users of a trained model need no more. */
const FIRST_CHUNK = 256;
/** Chunks double up to this length. */
const MAX_CHUNK = 4096;

/**
 * With a fast tfjs backend, a user with more than this share of the catalogue to score in full is
 * ranked densely instead: one item scored in JS (K dots, K exps) costs what 5 to 8 items cost in
 * the dense tfjs ranking on wasm (bench/rank-speed.ts: 2.6 µs per item scoring every item in JS,
 * about 1.5 µs per logit in the pruned path, against 0.32 µs), so past a fifth of the catalogue
 * the dense ranking is sooner. Without one, the pruned path never costs much more than scoring
 * every item, and is exact, so it is always taken.
 */
export const DENSE_SHARE = 0.2;

/** What the pruning did, for the bench: items scored in full per user, and users ranked densely. */
export interface PruneStats {
  users: number;
  scored: number;
  dense: number;
  /** Items whose bound was read, the rest being past the cut by norm (the dense users' count N). */
  scanned?: number;
}

/**
 * Margin of the bounds, relative to |q_i| times the sizes involved: covers float32 rounding of a
 * stored logit (2^-24 of it) with room, and float64 rounding of the dots and the centre many times
 * over. Added once more as an absolute margin.
 */
const REL = 1e-6;

/** The item table by decreasing norm, built once per table (itemsOf) and read by every user. */
interface ItemsByNorm {
  /** Item ids, largest norm first (a non-finite norm counts as the largest). */
  order: Int32Array;
  /** rankOf[order[r]] = r. */
  rankOf: Int32Array;
  /**
   * cut[r] >= the norm of every item from rank r on (the suffix maximum: the order comes from
   * float32 keys, so neighbours within a float32 step may be out of order). NaN once any later
   * norm is NaN, which never prunes.
   */
  cut: Float64Array;
  /** Their norms in that order. */
  norm: Float64Array;
  /** Every item's norm, by item id. */
  normOf: Float64Array;
  /** Chunk c covers ranks [ends[c - 1], ends[c]) (ends[-1] = 0). */
  ends: number[];
  /** Each chunk's rows transposed, with their norms: [D + 1, length], float32, for the bounds' matMul (made on first use). */
  chunkCols: (Float32Array | null)[];
  /** The rows by rank, float64, for the bounds in JS (made on first use). */
  rows: Float64Array | null;
}

function itemsByNorm(params: RumItemParams): ItemsByNorm {
  const { dim: D } = params.config;
  const N = params.nItems;
  const normOf = new Float64Array(N);
  for (let i = 0; i < N; i++) normOf[i] = norm2(params.item, i * D, D);
  const order = argsortDescending(normOf);
  const rankOf = new Int32Array(N);
  const norm = new Float64Array(N);
  for (let r = 0; r < N; r++) {
    rankOf[order[r]] = r;
    norm[r] = normOf[order[r]];
  }
  const cut = new Float64Array(N);
  let max = 0;
  for (let r = N - 1; r >= 0; r--) {
    // Math.max propagates NaN, so every rank before a NaN norm gets NaN.
    max = Math.max(max, norm[r]);
    cut[r] = max;
  }
  const ends: number[] = [];
  for (let end = 0, len = FIRST_CHUNK; end < N; len = Math.min(2 * len, MAX_CHUNK)) ends.push((end = Math.min(N, end + len)));
  return { order, rankOf, cut, norm, normOf, ends, chunkCols: ends.map(() => null), rows: null };
}

function chunkColumns(params: RumItemParams, items: ItemsByNorm, c: number): Float32Array {
  const cached = items.chunkCols[c];
  if (cached) return cached;
  const D = params.config.dim;
  const from = c ? items.ends[c - 1] : 0;
  const len = items.ends[c] - from;
  const cols = new Float32Array((D + 1) * len);
  for (let o = 0; o < len; o++) {
    const io = items.order[from + o] * D;
    for (let d = 0; d < D; d++) cols[d * len + o] = params.item[io + d];
    cols[D * len + o] = items.norm[from + o];
  }
  return (items.chunkCols[c] = cols);
}

function rowsByRank(params: RumItemParams, items: ItemsByNorm): Float64Array {
  if (items.rows) return items.rows;
  const D = params.config.dim;
  const rows = new Float64Array(params.nItems * D);
  for (let r = 0; r < params.nItems; r++) for (let d = 0; d < D; d++) rows[r * D + d] = params.item[items.order[r] * D + d];
  return (items.rows = rows);
}

/** Below this many items the sort key packs (float32 bits of the norm, item) exactly into a double. */
const PACKED_SORT_ITEMS = 2 ** 21;

/**
 * Item ids by decreasing value, equal values by id (NaN first): one native sort of packed keys
 * (the float32 bits of a non-negative value order as integers), instead of a comparator call per
 * comparison, several times slower. Larger catalogues fall back to the comparator.
 */
function argsortDescending(values: Float64Array): Int32Array {
  const N = values.length;
  const order = new Int32Array(N);
  if (N >= PACKED_SORT_ITEMS) {
    const key = (i: number) => (values[i] >= 0 ? values[i] : Infinity);
    for (let i = 0; i < N; i++) order[i] = i;
    return order.sort((a, b) => key(b) - key(a) || a - b);
  }
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  const keys = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    f[0] = values[i] >= 0 ? values[i] : Infinity;
    keys[i] = (0xffffffff - bits[0]) * PACKED_SORT_ITEMS + i;
  }
  keys.sort();
  for (let r = 0; r < N; r++) order[r] = keys[r] % PACKED_SORT_ITEMS;
  return order;
}

/**
 * The items by norm of the parameters ranked last, and the bits of the item table they came from.
 * The registry's rank functions pass the same parameters object for every call of one
 * evaluation (evaluateSplit ranks a few hundred users per call), so the sort is done once per
 * evaluation; comparing the table's bits (well under a millisecond) catches tables changed in
 * place since, as training does between validations. Keyed by the parameters object, the copy
 * goes when they do.
 */
const prepared = new WeakMap<RumItemParams, { bits: Float64Array | Int32Array; items: ItemsByNorm }>();

function itemsOf(params: RumItemParams): ItemsByNorm {
  const bits = bitsOf(params.item);
  const hit = prepared.get(params);
  if (hit && hit.items.order.length === params.nItems && sameBits(hit.bits, bits)) return hit.items;
  const items = itemsByNorm(params);
  prepared.set(params, { bits: bits.slice(), items });
  return items;
}

/** The table's bits, two floats per element where the alignment allows (half the comparisons). */
function bitsOf(table: Float32Array): Float64Array | Int32Array {
  if (table.byteOffset % 8 === 0 && table.length % 2 === 0) return new Float64Array(table.buffer, table.byteOffset, table.length / 2);
  return new Int32Array(table.buffer, table.byteOffset, table.length);
}

/** Equal bits; a pair of floats read as a NaN double compares unequal, which only costs a rebuild. */
function sameBits(a: Float64Array | Int32Array, b: Float64Array | Int32Array): boolean {
  if (a.length !== b.length || a.constructor !== b.constructor) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Top-n items per user, best first, never an excluded item: the same lists as rankAllUsersJs. */
export function rankAllUsersPruned(
  params: RumItemParams,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  /** Users per matMul of the bounds. */
  batchUsers = PRUNED_BATCH_USERS,
  stats?: PruneStats,
  /**
   * 'tfjs' (a fast backend): the bounds by a tfjs matMul, and a user whose bounds do not prune
   * ranked by tfjs's dense ranking; 'js' (no tfjs, or its slow cpu backend): the bounds by JS
   * loops, and every user pruned.
   */
  intrinsics: 'tfjs' | 'js' = 'tfjs',
  /** Past this share of the catalogue to score, a user is ranked densely on tfjs (Infinity: never). */
  denseShare = DENSE_SHARE,
): Int32Array[] {
  checkRankInputs(params, users, memories, excluded, batchUsers);
  if (users.length === 0) return [];
  return rankPruned(params, itemsOf(params), users, memories, excluded, n, batchUsers, stats, intrinsics === 'tfjs' ? tfjs() : null, denseShare);
}

function rankPruned(
  params: RumItemParams,
  items: ItemsByNorm,
  users: Int32Array,
  memories: Int32Array[],
  excluded: Int32Array[],
  n: number,
  batchUsers: number,
  stats: PruneStats | undefined,
  tf: TfModule | null,
  denseShare: number,
): Int32Array[] {
  const N = params.nItems;
  const k = Math.max(0, Math.min(Math.floor(n), N));
  if (k === 0) return Array.from(users, () => new Int32Array(0));
  const ranker = new BatchRanker(params, items, k, tf ? k + denseShare * N : Infinity, tf);
  const results: Int32Array[] = [];
  const denseAt: number[] = [];
  try {
    for (let start = 0; start < users.length; start += batchUsers) {
      const end = Math.min(users.length, start + batchUsers);
      const done = ranker.rank(users.subarray(start, end), memories.slice(start, end), excluded.slice(start, end));
      done.forEach((u, j) => {
        results.push(u.dense ? new Int32Array(0) : u.best.items());
        if (u.dense) denseAt.push(start + j);
        if (stats) {
          stats.users++;
          stats.scored += u.dense ? N : u.scored;
          stats.scanned = (stats.scanned ?? 0) + (u.dense ? N : u.scanned);
          if (u.dense) stats.dense++;
        }
      });
    }
  } finally {
    ranker.dispose();
  }
  // Users whose bounds did not prune, ranked by scoring every item, all in one call (the dense
  // ranking sets up its item tensor per call).
  if (denseAt.length) {
    const sub = Int32Array.from(denseAt, (x) => users[x]);
    const lists = (tf ? rankAllUsersTf : rankAllUsersJs)(params, sub, denseAt.map((x) => memories[x]), denseAt.map((x) => excluded[x]), n);
    denseAt.forEach((x, r) => (results[x] = lists[r]));
  }
  return results;
}

/** One user's ranking in progress. */
class UserState {
  readonly scorer: UserScorer;
  /** [p*_u + alpha c, slope]: item r's bound is v . [q_r, |q_r|] + REL. */
  readonly v: Float64Array;
  /** reach |q| + REL bounds the bound of every item of norm |q| or less. */
  readonly reach: number;
  /** The excluded items' ranks, increasing. */
  readonly excludedRanks: Int32Array;
  readonly best: TopK;
  scored = 0;
  scanned = 0;
  done = false;
  dense = false;

  constructor(
    params: RumItemParams,
    items: ItemsByNorm,
    user: number,
    memory: Int32Array,
    excluded: Int32Array,
    k: number,
    f32: boolean,
    scratch: BallScratch,
  ) {
    const D = params.config.dim;
    const alpha = params.config.alpha;
    const scorer = (this.scorer = new UserScorer(params, user, memory));
    const v = (this.v = new Float64Array(D + 1));
    const uo = user * D;
    for (let d = 0; d < D; d++) v[d] = params.user[uo + d];
    const mem = scorer.memory;
    // `size` bounds |logit| / |q_i|, for the margin.
    let size = norm2(params.user, uo, D);
    let spread = 0;
    if (mem.length > 0) {
      const r = memoryBall(params.item, mem, D, scratch);
      for (let d = 0; d < D; d++) v[d] += alpha * scratch.centre[d];
      let M = 0;
      for (const m of mem) M = Math.max(M, items.normOf[m]);
      spread = Math.abs(alpha) * r;
      size += Math.abs(alpha) * M;
    }
    let vn = 0;
    for (let d = 0; d < D; d++) vn += v[d] * v[d];
    vn = Math.sqrt(vn);
    const slope = spread + REL * (size + vn + spread);
    // A float32 matMul of [v, slope] and [q, |q|], all rounded to float32, errs by at most about
    // (D + 3) 2^-24 (|v| + slope) |q|: twice that goes into the slope too.
    v[D] = slope + (f32 ? (D + 4) * 2 ** -23 * (vn + slope) : 0);
    this.reach = vn + v[D];
    this.excludedRanks = Int32Array.from(excluded, (i) => items.rankOf[i]).sort();
    this.best = new TopK(k);
  }

  /** The index of the first excluded rank at or after `rank`. */
  firstExcludedFrom(rank: number): number {
    const ex = this.excludedRanks;
    let lo = 0;
    let hi = ex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ex[mid] < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The users of one batch, chunk by chunk, with the scratch of all of them. */
class BatchRanker {
  private readonly D: number;
  private readonly ball: BallScratch;
  /** The chunk's candidates: offsets and bounds, and a heap of their slots. */
  private readonly candidate: Int32Array;
  private readonly bound: Float64Array;
  private readonly heap: Int32Array;
  private readonly xs: Float64Array;
  /** The chunks' item tensors of this ranking, made on first use, disposed at the end. */
  private readonly chunkTensors: (ReturnType<TfModule['tensor2d']> | null)[];

  constructor(
    private readonly params: RumItemParams,
    private readonly items: ItemsByNorm,
    private readonly k: number,
    private readonly limit: number,
    private readonly tf: TfModule | null,
  ) {
    this.D = params.config.dim;
    this.ball = { centre: new Float64Array(this.D), rows: new Float64Array(params.config.slots * this.D) };
    this.candidate = new Int32Array(MAX_CHUNK);
    this.bound = new Float64Array(MAX_CHUNK);
    this.heap = new Int32Array(MAX_CHUNK);
    this.xs = new Float64Array(tf ? 0 : MAX_CHUNK);
    this.chunkTensors = items.ends.map(() => null);
  }

  dispose(): void {
    for (const t of this.chunkTensors) t?.dispose();
  }

  rank(users: Int32Array, memories: Int32Array[], excluded: Int32Array[]): UserState[] {
    const { params, items, k, D, tf } = this;
    const states = Array.from(users, (u, j) => new UserState(params, items, u, memories[j], excluded[j], k, tf !== null, this.ball));
    let vs: Float32Array | null = null;
    for (let c = 0; c < items.ends.length; c++) {
      const active = states.filter((s) => !s.done);
      if (active.length === 0) break;
      const from = c ? items.ends[c - 1] : 0;
      const to = items.ends[c];
      const len = to - from;
      let xs: Float32Array | null = null;
      if (tf) {
        const A = D + 1;
        vs ??= new Float32Array(users.length * A);
        active.forEach((s, a) => vs!.set(s.v, a * A));
        const cols = (this.chunkTensors[c] ??= tf.tensor2d(chunkColumns(params, items, c), [A, len]));
        // The tensor leaves tidy, not its data: tidy would walk a returned typed array element by element.
        const product = tf.tidy(() => tf.matMul(tf.tensor2d(vs!.subarray(0, active.length * A), [active.length, A]), cols));
        xs = product.dataSync() as Float32Array;
        product.dispose();
      }
      const rows = xs ? null : rowsByRank(params, items);
      active.forEach((s, a) => {
        // Only the ranks before the cut, at the threshold so far.
        const end = this.cutAt(s, from, to);
        s.scanned += end - from;
        if (xs) this.chunk(s, xs, a * len, from, end);
        else {
          const D4 = D - (D % 4);
          for (let r = from; r < end; r++) this.xs[r - from] = dot4(rows!, r * D, s.v, D, D4) + s.v[D] * items.norm[r];
          this.chunk(s, this.xs, 0, from, end);
        }
        // Done at the end, or when no later item's bound can reach the n-th best logit.
        if (!s.done && (to === params.nItems || this.cutAt(s, to, to + 1) === to)) s.done = true;
      });
    }
    return states;
  }

  /**
   * The first rank r in [from, to) from which no item's bound reaches the n-th best logit so far
   * (reach cut[r] + REL below it; cut does not increase), or `to`: a binary search.
   */
  private cutAt(s: UserState, from: number, to: number): number {
    if (!s.best.full()) return to;
    const t = s.best.worst();
    const { cut } = this.items;
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.reach * cut[mid] + REL < t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Ranks [from, to) for one user, given their bounds less REL (xs[xo + r - from]): every item
   * whose bound reaches the n-th best logit so far (every item, while fewer than n are kept), best
   * bound first (a max-heap), so the threshold rises soonest and the fewest are scored. NaN bounds
   * count as the largest, and never prune.
   */
  private chunk(s: UserState, xs: Float32Array | Float64Array, xo: number, from: number, to: number): void {
    const { candidate, bound, heap } = this;
    const { order } = this.items;
    const { best } = s;
    const t = best.worst();
    const ex = s.excludedRanks;
    let e = s.firstExcludedFrom(from);
    let m = 0;
    for (let o = 0; o < to - from; o++) {
      const b = xs[xo + o] + REL;
      if (b < t) continue;
      // The excluded ranks, in the order the loop meets them.
      while (e < ex.length && ex[e] < from + o) e++;
      if (e < ex.length && ex[e] === from + o) continue;
      candidate[m] = o;
      bound[m] = b;
      heap[m] = m;
      m++;
    }
    for (let p = (m >> 1) - 1; p >= 0; p--) siftDown(heap, bound, p, m);
    while (m > 0) {
      const slot = heap[0];
      if (bound[slot] < best.worst()) return;
      heap[0] = heap[--m];
      siftDown(heap, bound, 0, m);
      if (!this.score(s, order[from + candidate[slot]])) return;
    }
  }

  /** Scores one item in full; false once the user has passed the limit (ranked densely instead). */
  private score(s: UserState, item: number): boolean {
    if (++s.scored > this.limit) {
      s.done = s.dense = true;
      return false;
    }
    s.best.offer(item, Math.fround(s.scorer.logit(item)));
    return true;
  }
}

/** Max-heap of slots by key, NaN above everything. */
function siftDown(heap: Int32Array, key: Float64Array, p: number, size: number): void {
  const o = heap[p];
  const v = key[o];
  for (;;) {
    let c = 2 * p + 1;
    if (c >= size) break;
    if (c + 1 < size && above(key[heap[c + 1]], key[heap[c]])) c++;
    if (!above(key[heap[c]], v)) break;
    heap[p] = heap[c];
    p = c;
  }
  heap[p] = o;
}

function above(a: number, b: number): boolean {
  return a > b || (a !== a && b === b);
}

/**
 * A centre c of the memory rows, written to `out`, and r = max_k |q_mk - c|, the radius of the
 * ball about c that holds them all. Any c gives a valid bound; a smaller ball a tighter one.
 * Ritter's ball (the two far ends of a diameter, grown to hold every row), then `steps` steps of
 * Badoiu-Clarkson (towards the farthest row, by shrinking steps): about 5 % above the smallest.
 * scratch.rows receives the memory rows as float64, scratch.centre the centre.
 */
interface BallScratch {
  centre: Float64Array;
  rows: Float64Array;
}

function memoryBall(Q: Float32Array, mem: Int32Array, D: number, scratch: BallScratch, steps = BALL_STEPS): number {
  const { rows, centre: out } = scratch;
  const L = mem.length;
  for (let k = 0; k < L; k++) for (let d = 0; d < D; d++) rows[k * D + d] = Q[mem[k] * D + d];
  const y = farthest(rows, L, D, rows, 0).k * D;
  const z = farthest(rows, L, D, rows, y).k * D;
  let r2 = 0;
  for (let d = 0; d < D; d++) {
    out[d] = (rows[y + d] + rows[z + d]) / 2;
    r2 += (rows[y + d] - rows[z + d]) ** 2;
  }
  let r = Math.sqrt(r2) / 2;
  for (let k = 0; k < L; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += (rows[k * D + d] - out[d]) ** 2;
    if (s > r * r) {
      const x = Math.sqrt(s);
      const grown = (r + x) / 2;
      const f = (grown - r) / x;
      for (let d = 0; d < D; d++) out[d] += (rows[k * D + d] - out[d]) * f;
      r = grown;
    }
  }
  let far = farthest(rows, L, D, out, 0);
  for (let step = 0; step < steps; step++) {
    const f = 0.5 / (step + 2);
    for (let d = 0; d < D; d++) out[d] += (rows[far.k * D + d] - out[d]) * f;
    far = farthest(rows, L, D, out, 0);
  }
  // The radius about the final centre, as the bound uses it.
  return Math.sqrt(far.d2);
}

/** Badoiu-Clarkson steps after Ritter's ball: on a trained Baby-shaped model, 4 steps score a fifth fewer items than none. */
const BALL_STEPS = 4;

const farthestResult = { k: 0, d2: 0 };

/** The row of rows[0, L) farthest from c[co, co + D), and its squared distance. */
function farthest(rows: Float64Array, L: number, D: number, c: Float64Array, co: number): { k: number; d2: number } {
  let best = 0;
  let bestD2 = -1;
  for (let k = 0; k < L; k++) {
    let s = 0;
    for (let d = 0; d < D; d++) {
      const x = rows[k * D + d] - c[co + d];
      s += x * x;
    }
    if (s > bestD2) {
      bestD2 = s;
      best = k;
    }
  }
  farthestResult.k = best;
  farthestResult.d2 = bestD2;
  return farthestResult;
}

function norm2(table: Float32Array, offset: number, D: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += table[offset + d] ** 2;
  return Math.sqrt(s);
}

/**
 * The `size` best (value, item) pairs offered, best first; equal values rank the lower item first,
 * as topN does. A sorted array: sizes are n + a few, so insertion is cheap.
 */
class TopK {
  readonly idx: Int32Array;
  private readonly val: Float64Array;
  count = 0;

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

  /** The value an offer must beat once full (-Infinity before). */
  worst(): number {
    return this.count === this.size && this.count ? this.val[this.count - 1] : -Infinity;
  }

  offer(item: number, value: number): void {
    if (this.size === 0) return;
    // NaN never enters ahead of a real value (topN ranks it last).
    const v = Number.isNaN(value) ? -Infinity : value;
    const { val, idx } = this;
    if (this.count === this.size && !(v > val[this.count - 1] || (v === val[this.count - 1] && item < idx[this.count - 1]))) return;
    let p = this.count === this.size ? this.count - 1 : this.count++;
    while (p > 0 && (v > val[p - 1] || (v === val[p - 1] && item < idx[p - 1]))) {
      val[p] = val[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    val[p] = v;
    idx[p] = item;
  }

  items(): Int32Array {
    return this.idx.slice(0, this.count);
  }
}
