// The GRU's forward step, its hand-written backward (BPTT over one user's sequence) and the BPR
// loss of a batch of users, in plain JS: float32 tables, float64 working copies and accumulators.
//
// Why by hand rather than tfjs autodiff. Measured on this 2-core machine (shared, so +-20 %),
// D = 32, one BPR step: this kernel ~14k examples/s alone and ~11k end to end (training on a
// generated log of 400 users, 300 items, 12k events, sampling included); tfjs on wasm, 25 users
// batched in lockstep through 20 steps, ~10k examples/s, and that is its best case: equal
// lengths (real ones are lognormal, so padding to a batch's longest wastes much of it), item
// rows fed as leaves (wasm cannot take tf.gather's gradient into a table, rum-item/kernel.ts, so
// they would be gathered and scattered in JS). So tfjs buys no speed here, and the hand-written
// pass gives exact float64 gradients that kernel.test.ts checks by finite differences, a run a
// seed reproduces, and training with no tfjs loaded. Its cost is ~18 D^2 multiply-adds per
// example (6 D^2 forward, 12 D^2 backward): 4x from D = 16 to 32 (~54k vs ~14k examples/s).
//
// Loss convention (the project's BPR baseline's, rum-item/kernel.ts, so lambda means the same):
//   loss = (1 / (E*C)) * [ sum over positions and their C-1 negatives of -log sigmoid(l_pos - l_neg)
//                          + l2 * ( sum over item-row occurrences of ||q||^2 + E * ||gates||^2 ) ]
// E = examples (positions t >= 1 of each sequence: the state after purchases 0..t-1 predicts
// purchase t; at t = 0 the state is h_0 = 0, every score is 0 and there is nothing to learn),
// C = 1 + negatives. Item-row occurrences per example: the input of the step that made the
// state (q of purchase t-1), the positive, each negative. The gate weights are read by every
// example, so they count once per example, as the paper's per-example lambda ||Theta||^2.
import type { RowGradients } from '../rum-item/kernel';
import { gateLayout, type Floats, type GruTables } from './params';

/**
 * One GRU step: h = z * hp + (1 - z) * n from input x and previous state hp (params.ts gives the
 * equations). Writes the gates z, r, the candidate n and r * hp at `so` (the backward pass
 * needs them) and the new state at h[ho ..]. G is the gate table (gateLayout) in float64.
 */
export function gruStep(
  G: Float64Array,
  D: number,
  x: Float64Array,
  xo: number,
  hp: Float64Array,
  hpo: number,
  z: Float64Array,
  r: Float64Array,
  n: Float64Array,
  rh: Float64Array,
  so: number,
  h: Float64Array,
  ho: number,
): void {
  const DD = D * D;
  const U = 3 * DD;
  const B = 6 * DD;
  for (let j = 0; j < D; j++) {
    const wz = j * D;
    const wr = DD + wz;
    const wh = 2 * DD + wz;
    const uz = U + wz;
    const ur = U + wr;
    let az = G[B + j];
    let ar = G[B + D + j];
    let ah = G[B + 2 * D + j];
    for (let d = 0; d < D; d++) {
      const xd = x[xo + d];
      const hd = hp[hpo + d];
      az += G[wz + d] * xd + G[uz + d] * hd;
      ar += G[wr + d] * xd + G[ur + d] * hd;
      ah += G[wh + d] * xd;
    }
    z[so + j] = 1 / (1 + Math.exp(-az));
    r[so + j] = 1 / (1 + Math.exp(-ar));
    // The candidate's input part; its recurrent part needs every r first.
    n[so + j] = ah;
  }
  for (let d = 0; d < D; d++) rh[so + d] = r[so + d] * hp[hpo + d];
  for (let j = 0; j < D; j++) {
    const uh = U + 2 * DD + j * D;
    let a = n[so + j];
    for (let d = 0; d < D; d++) a += G[uh + d] * rh[so + d];
    const nj = Math.tanh(a);
    n[so + j] = nj;
    const zj = z[so + j];
    h[ho + j] = zj * hp[hpo + j] + (1 - zj) * nj;
  }
}

/** Per-step temporaries of the backward pass, D each. */
export interface StepBackScratch {
  daz: Float64Array;
  dar: Float64Array;
  dan: Float64Array;
  drh: Float64Array;
}

/**
 * The backward of gruStep: from dh (dLoss/dh), adds the gate weights' gradients into GG and
 * writes dLoss/dhp into dhp and dLoss/dx into dx (both overwritten, distinct from dh).
 */
export function gruStepBack(
  G: Float64Array,
  GG: Float64Array,
  D: number,
  x: Float64Array,
  xo: number,
  hp: Float64Array,
  hpo: number,
  z: Float64Array,
  r: Float64Array,
  n: Float64Array,
  rh: Float64Array,
  so: number,
  dh: Float64Array,
  dhp: Float64Array,
  dx: Float64Array,
  t: StepBackScratch,
): void {
  const DD = D * D;
  const U = 3 * DD;
  const B = 6 * DD;
  const { daz, dar, dan, drh } = t;
  for (let j = 0; j < D; j++) {
    const zj = z[so + j];
    const nj = n[so + j];
    const g = dh[j];
    daz[j] = g * (hp[hpo + j] - nj) * zj * (1 - zj);
    dan[j] = g * (1 - zj) * (1 - nj * nj);
    dhp[j] = g * zj;
    dx[j] = 0;
    drh[j] = 0;
  }
  // Update gate and candidate together: both read x; z reads hp, the candidate r * hp.
  for (let j = 0; j < D; j++) {
    const az = daz[j];
    const an = dan[j];
    GG[B + j] += az;
    GG[B + 2 * D + j] += an;
    const wz = j * D;
    const wh = 2 * DD + wz;
    const uz = U + wz;
    const uh = U + wh;
    for (let d = 0; d < D; d++) {
      const xd = x[xo + d];
      GG[wz + d] += az * xd;
      GG[wh + d] += an * xd;
      GG[uz + d] += az * hp[hpo + d];
      GG[uh + d] += an * rh[so + d];
      dx[d] += G[wz + d] * az + G[wh + d] * an;
      dhp[d] += G[uz + d] * az;
      drh[d] += G[uh + d] * an;
    }
  }
  for (let j = 0; j < D; j++) {
    const rj = r[so + j];
    dar[j] = drh[j] * hp[hpo + j] * rj * (1 - rj);
    dhp[j] += drh[j] * rj;
  }
  for (let j = 0; j < D; j++) {
    const ar = dar[j];
    GG[B + D + j] += ar;
    const wr = DD + j * D;
    const ur = U + wr;
    for (let d = 0; d < D; d++) {
      GG[wr + d] += ar * x[xo + d];
      GG[ur + d] += ar * hp[hpo + d];
      dx[d] += G[wr + d] * ar;
      dhp[d] += G[ur + d] * ar;
    }
  }
}

/**
 * Per-row gradient sums of the item table in the compact layout SparseAdam reads (RowGradients:
 * row rows[s] at grad[s D ..]); a row touched several times gets one slot. reserve() before a
 * batch so offsets stay valid while it accumulates.
 */
export class ItemGradients implements RowGradients {
  count = 0;
  rows: Int32Array;
  grad: Float64Array;
  private readonly slotOf: Int32Array;

  constructor(
    private readonly nItems: number,
    private readonly dim: number,
  ) {
    this.slotOf = new Int32Array(nItems).fill(-1);
    this.rows = new Int32Array(0);
    this.grad = new Float64Array(0);
  }

  /** Room for `touches` more distinct rows at most (never more than the table has). */
  reserve(touches: number): void {
    const need = Math.min(this.nItems, this.count + touches);
    if (need <= this.rows.length) return;
    const cap = Math.min(this.nItems, Math.max(need, 2 * this.rows.length));
    const rows = new Int32Array(cap);
    rows.set(this.rows.subarray(0, this.count));
    const grad = new Float64Array(cap * this.dim);
    grad.set(this.grad.subarray(0, this.count * this.dim));
    this.rows = rows;
    this.grad = grad;
  }

  /** Offset of the row's gradient in `grad`, claiming (and zeroing) a slot on first sight. */
  offsetOf(row: number): number {
    let s = this.slotOf[row];
    if (s < 0) {
      s = this.count++;
      this.slotOf[row] = s;
      this.rows[s] = row;
      this.grad.fill(0, s * this.dim, (s + 1) * this.dim);
    }
    return s * this.dim;
  }

  reset(): void {
    for (let s = 0; s < this.count; s++) this.slotOf[this.rows[s]] = -1;
    this.count = 0;
  }
}

/**
 * Users for one step. Sequence b trains on its first lengths[b] purchases; its examples are
 * positions 1 .. lengths[b]-1, in order, and example e (counted over the whole batch) has
 * candidates[e C .. e C + C): the positive (read from the sequence, not from here) and C - 1
 * negatives. This is what ExampleSampler.fill writes for those examples (train.ts).
 */
export interface GruBatch {
  count: number;
  sequences: Int32Array[];
  lengths: Int32Array;
  candidates: Int32Array;
  candidatesPerExample: number;
}

/** Examples of a batch: positions t >= 1 of each sequence. */
export function batchExamples(batch: GruBatch): number {
  let E = 0;
  for (let b = 0; b < batch.count; b++) E += Math.max(0, batch.lengths[b] - 1);
  return E;
}

/** Buffers reused across batches; the per-step rows grow with the longest sequence seen. */
export class GruScratch {
  readonly dim: number;
  /** The gate table in float64, copied at the start of every batch. */
  readonly G: Float64Array;
  /** The gate table's gradient (gateLayout), summed over the batch. */
  readonly gateGrad: Float64Array;
  readonly item: ItemGradients;
  readonly back: StepBackScratch;
  readonly dh: Float64Array;
  readonly dhp: Float64Array;
  readonly dx: Float64Array;
  /** Row t (t = 1 .. T-1) of the step that makes state h_t: its input, gates, candidate, r * hp, dLoss/dh_t. */
  X = new Float64Array(0);
  Z = new Float64Array(0);
  R = new Float64Array(0);
  N = new Float64Array(0);
  RH = new Float64Array(0);
  DH = new Float64Array(0);
  /** Row t = h_t, row 0 = h_0 = 0. */
  H = new Float64Array(0);

  constructor(tables: GruTables) {
    const D = tables.dim;
    this.dim = D;
    const { size } = gateLayout(D);
    this.G = new Float64Array(size);
    this.gateGrad = new Float64Array(size);
    this.item = new ItemGradients(tables.nItems, D);
    const v = () => new Float64Array(D);
    this.back = { daz: v(), dar: v(), dan: v(), drh: v() };
    this.dh = v();
    this.dhp = v();
    this.dx = v();
  }

  /** Rows for a sequence of T purchases. */
  ensure(T: number): void {
    const need = T * this.dim;
    if (need <= this.H.length) return;
    const n = Math.max(need, 2 * this.H.length);
    this.X = new Float64Array(n);
    this.Z = new Float64Array(n);
    this.R = new Float64Array(n);
    this.N = new Float64Array(n);
    this.RH = new Float64Array(n);
    this.DH = new Float64Array(n);
    this.H = new Float64Array(n);
  }
}

/**
 * The batch's loss (the convention at the top) and its gradients: the gate table's in
 * scratch.gateGrad, the item rows' in scratch.item. Ids are not range-checked here (a pass the
 * sampler makes unnecessary); checkGruBatch does it for tests and batch builders.
 */
export function accumulateBatch(tables: GruTables, batch: GruBatch, l2: number, s: GruScratch): number {
  const D = tables.dim;
  if (s.dim !== D) throw new Error('scratch was made for another dim');
  const { size } = gateLayout(D);
  const G = s.G;
  const GG = s.gateGrad;
  const gates = tables.gates;
  for (let k = 0; k < size; k++) G[k] = gates[k];
  GG.fill(0);
  const C = batch.candidatesPerExample;
  const E = batchExamples(batch);
  s.item.reset();
  s.item.reserve(E * (C + 1));
  const scale = E > 0 ? 1 / (E * C) : 0;
  const r2 = 2 * l2 * scale;
  let loss = 0;
  let sq = 0;
  let e = 0;
  for (let b = 0; b < batch.count; b++) {
    const T = batch.lengths[b];
    if (T < 2) continue;
    const part = sequenceTerms(tables, batch.sequences[b], T, batch.candidates, e * C, C, scale, r2, s);
    loss += part.loss;
    sq += part.sq;
    e += T - 1;
  }
  let gsq = 0;
  for (let k = 0; k < size; k++) {
    const g = G[k];
    gsq += g * g;
    GG[k] += E * r2 * g;
  }
  return (loss + l2 * (sq + E * gsq)) * scale;
}

/**
 * One sequence: forward through its T - 1 steps with each position's BPR terms (their gradients
 * into the item rows and dLoss/dh_t into DH), then BPTT back to h_0. Returns the unscaled BPR
 * loss and the sum of squares of the item-row occurrences.
 */
function sequenceTerms(
  tables: GruTables,
  seq: Int32Array,
  T: number,
  candidates: Int32Array,
  candAt: number,
  C: number,
  scale: number,
  r2: number,
  s: GruScratch,
): { loss: number; sq: number } {
  const D = tables.dim;
  const Q: Floats = tables.item;
  s.ensure(T);
  const { G, gateGrad: GG, X, Z, R, N, RH, DH, H, item, back } = s;
  const GQ = item.grad;
  let loss = 0;
  let sq = 0;
  H.fill(0, 0, D);
  for (let t = 1; t < T; t++) {
    const o = t * D;
    const xo = seq[t - 1] * D;
    for (let d = 0; d < D; d++) {
      const x = Q[xo + d];
      X[o + d] = x;
      sq += x * x;
    }
    gruStep(G, D, X, o, H, o - D, Z, R, N, RH, o, H, o);

    const pos = seq[t];
    const po = pos * D;
    let lPos = 0;
    for (let d = 0; d < D; d++) {
      const q = Q[po + d];
      lPos += H[o + d] * q;
      sq += q * q;
      DH[o + d] = 0;
    }
    const pg = item.offsetOf(pos);
    for (let d = 0; d < D; d++) GQ[pg + d] += r2 * Q[po + d];
    const co = candAt + (t - 1) * C;
    for (let c = 1; c < C; c++) {
      const neg = candidates[co + c];
      const no = neg * D;
      let lNeg = 0;
      for (let d = 0; d < D; d++) lNeg += H[o + d] * Q[no + d];
      // -log sigmoid(lPos - lNeg) = softplus(x), x = lNeg - lPos; d/dx = sigmoid(x).
      const x = lNeg - lPos;
      const ax = x < 0 ? -x : x;
      const ex = Math.exp(-ax);
      loss += (x > 0 ? x : 0) + Math.log1p(ex);
      const g = (x >= 0 ? 1 / (1 + ex) : ex / (1 + ex)) * scale;
      const ng = item.offsetOf(neg);
      for (let d = 0; d < D; d++) {
        const qn = Q[no + d];
        const h = H[o + d];
        sq += qn * qn;
        DH[o + d] += g * (qn - Q[po + d]);
        GQ[ng + d] += g * h + r2 * qn;
        GQ[pg + d] -= g * h;
      }
    }
  }

  // BPTT: dh carries dLoss/dh_t from the later steps; each step adds its own loss's part.
  let dh = s.dh;
  let dhp = s.dhp;
  dh.fill(0);
  const dx = s.dx;
  for (let t = T - 1; t >= 1; t--) {
    const o = t * D;
    for (let d = 0; d < D; d++) dh[d] += DH[o + d];
    gruStepBack(G, GG, D, X, o, H, o - D, Z, R, N, RH, o, dh, dhp, dx, back);
    const xg = item.offsetOf(seq[t - 1]);
    for (let d = 0; d < D; d++) GQ[xg + d] += dx[d] + r2 * X[o + d];
    const swap = dh;
    dh = dhp;
    dhp = swap;
  }
  return { loss, sq };
}

/** Range checks of a batch's ids and shapes (tests, new batch builders). */
export function checkGruBatch(tables: GruTables, batch: GruBatch): void {
  const C = batch.candidatesPerExample;
  if (!Number.isInteger(C) || C < 2) throw new Error(`candidatesPerExample must be >= 2 (BPR needs a negative), got ${C}`);
  let e = 0;
  for (let b = 0; b < batch.count; b++) {
    const T = batch.lengths[b];
    const seq = batch.sequences[b];
    if (!(T >= 0 && T <= seq.length)) throw new Error(`length ${T} outside 0..${seq.length}`);
    for (let t = 0; t < T; t++) if (!(seq[t] >= 0 && seq[t] < tables.nItems)) throw new Error(`item id ${seq[t]} outside 0..${tables.nItems - 1}`);
    e += Math.max(0, T - 1);
  }
  if (batch.candidates.length < e * C) throw new Error(`candidates hold ${batch.candidates.length}, need ${e * C}`);
  for (let k = 0; k < e * C; k++) {
    if (k % C === 0) continue;
    const i = batch.candidates[k];
    if (!(i >= 0 && i < tables.nItems)) throw new Error(`negative id ${i} outside 0..${tables.nItems - 1}`);
  }
}

/** Loss and gradients of one batch as dense copies (item gradient nItems x D): for tests and checks, not the hot path. */
export function lossAndGradients(tables: GruTables, batch: GruBatch, l2: number): { loss: number; gates: Float64Array; item: Float64Array } {
  checkGruBatch(tables, batch);
  const s = new GruScratch(tables);
  const loss = accumulateBatch(tables, batch, l2, s);
  const D = tables.dim;
  const item = new Float64Array(tables.nItems * D);
  for (let k = 0; k < s.item.count; k++) item.set(s.item.grad.subarray(k * D, (k + 1) * D), s.item.rows[k] * D);
  return { loss, gates: s.gateGrad.slice(), item };
}
