// Fused item-level RUM training kernel over Float32Arrays: forward, analytic backward and a lazy
// (sparse) optimiser step, with no allocation per batch.
//
// Why by hand: per-example RUM work is tiny (K x D multiply-adds), so a framework's per-op
// overhead dominates; tfjs on wasm cannot take tf.gather's gradient into a whole table (no
// UnsortedSegmentSum kernel), and a dense Adam step over a 25k x 50 table takes about a minute on
// the cpu backend. See docs/architecture.md "Design facts". tf.ts defines the same
// loss with tfjs autodiff; the tests hold the two equal.
//
// Loss convention (the tfjs definition and the tests use the same):
//   loss = (1 / (B*C)) * [ sum over (example, candidate) pairs of BCE(logit, label)
//                          + l2 * sum over row occurrences of ||row||^2 ]
// With the BPR loss (baselines), the pairs are (positive, negative) and the term is
// -log sigmoid(l_pos - l_neg); the same 1 / (B*C) scale keeps lambda comparable.
// Occurrences per example: the user row once, each candidate row once, each filled memory slot's
// item row once (memory only when alpha != 0: alpha = 0 is plain MF and reads no memory).
// Dividing the L2 term by the same B*C keeps lambda a per-example weight, as in the paper's SGD,
// so its meaning does not change with the batch size.
//
// Gradient of one candidate, with f = sum_k z_k w_k (= p^m . q_i) and g = dLoss/dlogit:
//   df/dw_k = z_k (1 + beta (w_k - f)) =: a_k
//   d/dp*_u += g q_i;  d/dq_i += g p*_u + g alpha sum_k a_k q_mk;  d/dq_mk += g alpha a_k q_i
import { dot4 } from '../dot';
import { checkRow } from '../memory';
import { memoryLogit, softmaxExp, weightedDots } from './forward';
import type { RumItemParams } from './params';

/**
 * Training examples for one step. Stride of `memory` is config.slots; slot k < memoryLength[b]
 * holds an item (oldest first), the rest are -1. The first of each example's C candidates is the
 * positive by convention, but only `labels` is read. Arrays may be longer than `size` needs
 * (preallocated for the largest batch).
 */
export interface RumItemBatch {
  size: number;
  /** C = 1 + negatives per positive. */
  candidatesPerExample: number;
  users: Int32Array;
  memory: Int32Array;
  memoryLength: Int32Array;
  candidates: Int32Array;
  labels: Float32Array;
}

export function createRumItemBatch(capacity: number, slots: number, candidatesPerExample: number): RumItemBatch {
  return {
    size: 0,
    candidatesPerExample,
    users: new Int32Array(capacity),
    memory: new Int32Array(capacity * slots).fill(-1),
    memoryLength: new Int32Array(capacity),
    candidates: new Int32Array(capacity * candidatesPerExample),
    labels: new Float32Array(capacity * candidatesPerExample),
  };
}

/** Gradients of some rows of one table: row rows[j] has gradient grad[j*dim .. (j+1)*dim). */
export interface RowGradients {
  count: number;
  rows: Int32Array;
  grad: Float64Array;
}

export interface SparseGradients {
  user: RowGradients;
  item: RowGradients;
}

// The forward pass of one candidate, with its attention (not the hot path): defined once in
// rum-item/forward.ts; re-exported under its old name for existing callers.
export { rumItemForward as logitWithAttention, type LogitExplanation } from './forward';

// ---------------------------------------------------------------------------------------------
// Gradient accumulation

/** Per-row gradient sums for one table; a row seen several times in a batch gets one slot (feature-level RUM's kernel uses it too). */
export class RowAccumulator implements RowGradients {
  count = 0;
  readonly rows: Int32Array;
  readonly grad: Float64Array;
  private readonly slotOf: Int32Array;

  constructor(
    nRows: number,
    maxTouched: number,
    private readonly dim: number,
  ) {
    const cap = Math.min(nRows, maxTouched);
    this.rows = new Int32Array(cap);
    this.grad = new Float64Array(cap * dim);
    this.slotOf = new Int32Array(nRows).fill(-1);
  }

  /** Offset of the row's gradient in `grad`, claiming (and zeroing) a slot on first sight. */
  offsetOf(row: number): number {
    let s = this.slotOf[row];
    if (s < 0) {
      s = this.count++;
      this.slotOf[row] = s;
      this.rows[s] = row;
      const grad = this.grad;
      const end = (s + 1) * this.dim;
      for (let j = s * this.dim; j < end; j++) grad[j] = 0;
    }
    return s * this.dim;
  }

  reset(): void {
    for (let s = 0; s < this.count; s++) this.slotOf[this.rows[s]] = -1;
    this.count = 0;
  }
}

/**
 * BCE scores each candidate against its label (RUM's loss). BPR scores each negative against
 * the example's positive, -log sigmoid(l_pos - l_neg), as BPR-MF and FPMC train; it reads
 * candidate 0 as the positive and ignores the labels.
 */
export type LossKind = 'bce' | 'bpr';

/** Buffers reused across batches; sized once for the largest batch. */
export class RumItemScratch {
  readonly user: RowAccumulator;
  readonly item: RowAccumulator;
  readonly maxBatch: number;
  readonly maxCandidates: number;
  readonly w: Float64Array;
  readonly z: Float64Array;
  readonly memGrad: Int32Array;
  /** One example's rows and their gradient sums, as float64 (see accumulate). */
  readonly pv: Float64Array;
  readonly gp: Float64Array;
  readonly qv: Float64Array;
  readonly gq: Float64Array;
  readonly mv: Float64Array;
  readonly gm: Float64Array;
  private readonly dim: number;
  private readonly nUsers: number;
  private readonly nItems: number;

  constructor(
    params: RumItemParams,
    maxBatch: number,
    maxCandidatesPerExample: number,
    /** 'bce' (RUM) or 'bpr' (the pairwise loss of BPR-MF and FPMC, candidate 0 the positive). */
    readonly loss: LossKind = 'bce',
  ) {
    const { dim, slots } = params.config;
    this.dim = dim;
    this.nUsers = params.nUsers;
    this.nItems = params.nItems;
    this.maxBatch = maxBatch;
    this.maxCandidates = maxCandidatesPerExample;
    this.user = new RowAccumulator(params.nUsers, maxBatch, dim);
    this.item = new RowAccumulator(params.nItems, maxBatch * (maxCandidatesPerExample + slots), dim);
    this.w = new Float64Array(slots);
    this.z = new Float64Array(slots);
    this.memGrad = new Int32Array(slots);
    this.pv = new Float64Array(dim);
    this.gp = new Float64Array(dim);
    this.qv = new Float64Array(dim);
    this.gq = new Float64Array(dim);
    this.mv = new Float64Array(slots * dim);
    this.gm = new Float64Array(slots * dim);
  }

  fits(params: RumItemParams, batch: RumItemBatch): boolean {
    return (
      batch.size <= this.maxBatch &&
      batch.candidatesPerExample <= this.maxCandidates &&
      params.config.slots === this.w.length &&
      params.config.dim === this.dim &&
      params.nUsers === this.nUsers &&
      params.nItems === this.nItems
    );
  }
}

/**
 * A batch's ids in range and memory lengths within K (the wasm kernel checks its batches the same
 * way): what the kernels need of the tables is only their sizes, K and whether alpha reads memory.
 */
export function checkBatch(params: Pick<RumItemParams, 'nUsers' | 'nItems'> & { config: Pick<RumItemParams['config'], 'slots' | 'alpha'> }, batch: RumItemBatch): void {
  const { size, candidatesPerExample: C } = batch;
  const K = params.config.slots;
  if (!Number.isInteger(size) || size < 0) throw new Error(`batch size must be a non-negative integer, got ${size}`);
  if (!Number.isInteger(C) || C < 1) throw new Error(`candidatesPerExample must be >= 1, got ${C}`);
  if (batch.users.length < size || batch.memoryLength.length < size) throw new Error('batch arrays shorter than size');
  if (batch.candidates.length < size * C || batch.labels.length < size * C) throw new Error('batch candidates/labels shorter than size*C');
  if (params.config.alpha !== 0 && batch.memory.length < size * K) throw new Error('batch memory shorter than size*slots');
  for (let b = 0; b < size; b++) {
    checkRow(batch.users[b], params.nUsers, 'user');
    for (let c = 0; c < C; c++) checkRow(batch.candidates[b * C + c], params.nItems, 'candidate');
    if (params.config.alpha === 0) continue;
    const L = batch.memoryLength[b];
    if (!(L >= 0 && L <= K)) throw new Error(`memoryLength ${L} outside 0..${K}`);
    for (let k = 0; k < L; k++) checkRow(batch.memory[b * K + k], params.nItems, 'memory item');
  }
}

/**
 * Fills `scratch` with the batch's summed per-row gradients (L2 included) and returns the loss.
 * The hot path: no allocation, one pass over the batch. An example's rows are first copied into
 * small Float64Array buffers and its gradients summed there, flushed to the tables' accumulators
 * once: V8 ran these loops up to 2x faster on local float64 data than on float32 table rows, and
 * the memory rows are reused by every candidate of the example.
 */
function accumulate(params: RumItemParams, batch: RumItemBatch, l2: number, scratch: RumItemScratch): number {
  const { dim, slots: K, alpha, beta } = params.config;
  const B = batch.size;
  const C = batch.candidatesPerExample;
  const P = params.user;
  const Q = params.item;
  const users = batch.users;
  const memory = batch.memory;
  const memoryLength = batch.memoryLength;
  const candidates = batch.candidates;
  const labels = batch.labels;
  const userAcc = scratch.user;
  const itemAcc = scratch.item;
  const GP = userAcc.grad;
  const GQ = itemAcc.grad;
  const { w, z, memGrad, pv, gp, qv, gq, mv, gm } = scratch;
  const useMemory = alpha !== 0;
  const bpr = scratch.loss === 'bpr';
  // Four partial sums break the add-latency chain of a dot product.
  const dim4 = dim - (dim % 4);
  const scale = B * C > 0 ? 1 / (B * C) : 0;
  // L2 is applied per occurrence, while the row is in a local buffer anyway: a second pass over
  // the touched rows would miss the cache for every one of them.
  const r2 = 2 * l2 * scale;
  userAcc.reset();
  itemAcc.reset();
  let loss = 0;
  let sq = 0;

  for (let b = 0; b < B; b++) {
    const po = users[b] * dim;
    for (let d = 0; d < dim; d++) {
      const x = P[po + d];
      pv[d] = x;
      gp[d] = r2 * x;
      sq += x * x;
    }
    const L = useMemory ? memoryLength[b] : 0;
    for (let k = 0; k < L; k++) {
      const m = memory[b * K + k];
      const mo = m * dim;
      const lo = k * dim;
      for (let d = 0; d < dim; d++) {
        const x = Q[mo + d];
        mv[lo + d] = x;
        gm[lo + d] = r2 * x;
        sq += x * x;
      }
      memGrad[k] = itemAcc.offsetOf(m);
    }

    // BPR needs the positive's logit before any negative's gradient, and the sum of the
    // negatives' terms before the positive's: so it visits 1..C-1 first and the positive last.
    let lPos = 0;
    let gPos = 0;
    if (bpr) lPos = forwardLogit(pv, mv, Q, candidates[b * C] * dim, dim, dim4, L, alpha, beta, w, z, qv);
    for (let cc = 0; cc < C; cc++) {
      const c = bpr ? (cc + 1) % C : cc;
      const i = candidates[b * C + c];
      const y = labels[b * C + c];
      const qo = i * dim;
      for (let d = 0; d < dim; d++) {
        const x = Q[qo + d];
        qv[d] = x;
        sq += x * x;
      }

      let logit = dot4(pv, 0, qv, dim, dim4);
      let f = 0;
      if (L > 0) {
        // rumItemForward's maths (rum-item/forward.ts), fused by hand into the hot loop: the max
        // is taken while the dots are made, and z is normalised because the gradient needs it.
        // rum-item/forward.test.ts holds this loss equal to the reference logits.
        let max = -Infinity;
        for (let k = 0; k < L; k++) {
          const s = dot4(mv, k * dim, qv, dim, dim4);
          w[k] = s;
          if (beta * s > max) max = beta * s;
        }
        let sum = 0;
        for (let k = 0; k < L; k++) {
          const e = Math.exp(beta * w[k] - max);
          z[k] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let k = 0; k < L; k++) {
          z[k] *= inv;
          f += z[k] * w[k];
        }
        logit += alpha * f;
      }

      let g: number;
      if (!bpr) {
        // Stable BCE with logits: softplus(x) - y x; its derivative is sigmoid(x) - y.
        const ax = logit < 0 ? -logit : logit;
        const ex = Math.exp(-ax);
        loss += (logit > 0 ? logit : 0) + Math.log1p(ex) - y * logit;
        const sig = logit >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
        g = (sig - y) * scale;
      } else if (c !== 0) {
        // -log sigmoid(lPos - l) = softplus(l - lPos); d/dl = sigmoid(l - lPos) = -d/dlPos.
        const x = logit - lPos;
        const ax = x < 0 ? -x : x;
        const ex = Math.exp(-ax);
        loss += (x > 0 ? x : 0) + Math.log1p(ex);
        const sig = x >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
        g = sig * scale;
        gPos -= g;
      } else {
        g = gPos;
      }

      for (let d = 0; d < dim; d++) {
        gp[d] += g * qv[d];
        gq[d] = g * pv[d] + r2 * qv[d];
      }
      if (L > 0) {
        const ga = g * alpha;
        for (let k = 0; k < L; k++) {
          const coef = ga * z[k] * (1 + beta * (w[k] - f));
          const lo = k * dim;
          let d = 0;
          for (; d < dim4; d += 4) {
            gq[d] += coef * mv[lo + d];
            gq[d + 1] += coef * mv[lo + d + 1];
            gq[d + 2] += coef * mv[lo + d + 2];
            gq[d + 3] += coef * mv[lo + d + 3];
            gm[lo + d] += coef * qv[d];
            gm[lo + d + 1] += coef * qv[d + 1];
            gm[lo + d + 2] += coef * qv[d + 2];
            gm[lo + d + 3] += coef * qv[d + 3];
          }
          for (; d < dim; d++) {
            gq[d] += coef * mv[lo + d];
            gm[lo + d] += coef * qv[d];
          }
        }
      }
      const gqo = itemAcc.offsetOf(i);
      for (let d = 0; d < dim; d++) GQ[gqo + d] += gq[d];
    }

    const gpo = userAcc.offsetOf(users[b]);
    for (let d = 0; d < dim; d++) GP[gpo + d] += gp[d];
    for (let k = 0; k < L; k++) {
      const go = memGrad[k];
      const lo = k * dim;
      for (let d = 0; d < dim; d++) GQ[go + d] += gm[lo + d];
    }
  }
  return (loss + l2 * sq) * scale;
}

/**
 * Forward pass of one candidate (the positive, for BPR) on the example's float64 rows; leaves w,
 * e and qv scratch dirty.
 */
function forwardLogit(
  pv: Float64Array,
  mv: Float64Array,
  Q: Float32Array,
  qo: number,
  dim: number,
  dim4: number,
  L: number,
  alpha: number,
  beta: number,
  w: Float64Array,
  e: Float64Array,
  qv: Float64Array,
): number {
  for (let d = 0; d < dim; d++) qv[d] = Q[qo + d];
  const intrinsic = dot4(pv, 0, qv, dim, dim4);
  if (L === 0) return intrinsic;
  for (let k = 0; k < L; k++) w[k] = dot4(mv, k * dim, qv, dim, dim4);
  const S = softmaxExp(w, 0, L, beta, e, 0);
  return memoryLogit(intrinsic, alpha, L, S, weightedDots(e, 0, w, 0, L));
}

/** Loss and summed per-row gradients of one batch (copied out of a fresh scratch). */
export function lossAndGradients(
  params: RumItemParams,
  batch: RumItemBatch,
  l2: number,
  kind: LossKind = 'bce',
): { loss: number; grads: SparseGradients } {
  checkBatch(params, batch);
  const scratch = new RumItemScratch(params, batch.size, batch.candidatesPerExample, kind);
  const loss = accumulate(params, batch, l2, scratch);
  const copy = (acc: RowAccumulator): RowGradients => ({
    count: acc.count,
    rows: acc.rows.slice(0, acc.count),
    grad: acc.grad.slice(0, acc.count * params.config.dim),
  });
  return { loss, grads: { user: copy(scratch.user), item: copy(scratch.item) } };
}

/**
 * One fused training step: forward, backward, per-row accumulation, then the optimiser updates just
 * the touched rows. Returns the batch loss measured before the update. Ids are not range-checked
 * here (that would cost a pass); pass `validate` while developing a batch builder.
 */
export function trainBatch(
  params: RumItemParams,
  batch: RumItemBatch,
  optimiser: SparseOptimiser,
  l2: number,
  scratch: RumItemScratch,
  validate = false,
): number {
  if (!scratch.fits(params, batch)) throw new Error('scratch was sized for a smaller batch or another model');
  if (validate) checkBatch(params, batch);
  const loss = accumulate(params, batch, l2, scratch);
  optimiser.apply(params, scratch.user, scratch.item);
  return loss;
}

// ---------------------------------------------------------------------------------------------
// Sparse optimisers. Moments are stored densely (a 25k x 50 table's two moments are 10 MB) but
// only touched rows are read or written, so a step costs O(rows in the batch), not O(table).

export interface SparseOptimiser {
  /** One step: counts as one global step even if a table has no touched rows. */
  apply(params: RumItemParams, user: RowGradients, item: RowGradients): void;
}

/** Adam's first (m) and second (v) moments of each table, shaped like the table. */
export interface AdamMoments {
  mUser: Float32Array;
  vUser: Float32Array;
  mItem: Float32Array;
  vItem: Float32Array;
}

export interface AdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /**
   * Moments to update in place instead of fresh zeroed ones: several optimisers (one per
   * training thread) then share them, as Hogwild-style training shares the tables.
   */
  moments?: AdamMoments;
  /**
   * A one-element step counter shared with the other optimisers over the same moments: bias
   * correction then counts every thread's steps, as the moments saw them, not just this one's.
   */
  steps?: Int32Array;
}

/**
 * Lazy Adam as TF's LazyAdamOptimizer: a row's moments decay only on steps that touch it, while
 * the bias correction uses the global step count, lr_t = lr sqrt(1 - b2^t) / (1 - b1^t).
 */
export class SparseAdam implements SparseOptimiser {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  step = 0;
  private readonly mUser: Float32Array;
  private readonly vUser: Float32Array;
  private readonly mItem: Float32Array;
  private readonly vItem: Float32Array;
  private readonly steps?: Int32Array;

  constructor(params: RumItemParams, options: AdamOptions = {}) {
    this.lr = options.lr ?? 0.001;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    const given = options.moments;
    if (given) {
      const fits = (a: Float32Array, table: Float32Array) => a.length === table.length;
      if (!fits(given.mUser, params.user) || !fits(given.vUser, params.user) || !fits(given.mItem, params.item) || !fits(given.vItem, params.item)) {
        throw new Error('Adam moments are not shaped like the parameter tables');
      }
    }
    this.mUser = given?.mUser ?? new Float32Array(params.user.length);
    this.vUser = given?.vUser ?? new Float32Array(params.user.length);
    this.mItem = given?.mItem ?? new Float32Array(params.item.length);
    this.vItem = given?.vItem ?? new Float32Array(params.item.length);
    this.steps = options.steps;
  }

  apply(params: RumItemParams, user: RowGradients, item: RowGradients): void {
    this.step = this.steps ? Atomics.add(this.steps, 0, 1) + 1 : this.step + 1;
    const lrT = (this.lr * Math.sqrt(1 - Math.pow(this.beta2, this.step))) / (1 - Math.pow(this.beta1, this.step));
    const dim = params.config.dim;
    this.update(params.user, this.mUser, this.vUser, user, dim, lrT);
    this.update(params.item, this.mItem, this.vItem, item, dim, lrT);
  }

  private update(table: Float32Array, M: Float32Array, V: Float32Array, g: RowGradients, dim: number, lrT: number): void {
    const b1 = this.beta1;
    const b2 = this.beta2;
    const eps = this.epsilon;
    const rows = g.rows;
    const grad = g.grad;
    for (let s = 0; s < g.count; s++) {
      const ro = rows[s] * dim;
      const go = s * dim;
      for (let d = 0; d < dim; d++) {
        const gd = grad[go + d];
        const m = b1 * M[ro + d] + (1 - b1) * gd;
        const v = b2 * V[ro + d] + (1 - b2) * gd * gd;
        M[ro + d] = m;
        V[ro + d] = v;
        table[ro + d] -= (lrT * m) / (Math.sqrt(v) + eps);
      }
    }
  }
}
