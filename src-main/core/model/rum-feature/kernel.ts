// Feature-level RUM's training step by hand: the forward pass over whole user sequences with the
// memory as a recurrent state, the backward pass through time (BPTT, untruncated: every read's
// gradient flows back through every earlier write of the sequence), and per-row gradient sums
// for a sparse optimiser step. No allocation per batch once the scratch has grown to the
// longest sequence.
//
// Why by hand and not tfjs: a step of this recursion is a few K x D and D x D products; on tfjs
// each would be a kernel launch (dozens per purchase), and the per-op overhead, not the maths,
// would set the speed (rum-item/kernel.ts found the same for item-level RUM's much simpler step).
//
// Loss, as item-level RUM's (rum-item/kernel.ts), over a batch of B positions (examples) with C
// candidates each:
//   loss = (1 / (B*C)) [ sum over (position, candidate) of BCE(logit, label)
//                        + l2 (sum over row occurrences of ||row||^2 + B ||F, E, A||^2) ]
// Row occurrences: the user row once per position, each candidate's item row once. The shared
// matrices (keys F and the gates' E, A) are used by every position, so they count once per
// position *(our choice)*; the gate biases are not regularised.
//
// Per sequence v_0 .. v_{T-1} of user u (its fitting part), M_0 = 0:
//   step t reads M_t for each candidate of position t (the positive is v_t), then, for t < T-1,
//   writes v_t: M_{t+1} = M_t * (1 - z e) + z a (forward.ts). The write after the last position
//   would change nothing the loss sees, so it is skipped.
// Gradients, with g = dLoss/dlogit of one candidate q, z its attention, v_k = m_k . q,
// f = sum_k z_k v_k:
//   dp*_u += g q;  dq += g p*_u + g alpha sum_k z_k m_k + sum_k c_k f_k;  dm_k += g alpha z_k q;
//   df_k += c_k q,  where c_k = g alpha beta z_k (v_k - f)  (through the softmax).
// Backward through the write at t, with G = dLoss/dM_{t+1}:
//   gz_k = sum_d G_kd (a_d - M_t,kd e_d);  ge_d = -sum_k G_kd z_k M_t,kd;  ga_d = sum_k G_kd z_k
//   through z = softmax(beta F q): gw_k = beta z_k (gz_k - sum_j z_j gz_j) -> dq += gw_k f_k, df_k += gw_k q
//   through e = sigmoid(E^T q + b_e): gu = ge e (1 - e) -> dE_jd += q_j gu_d, db_e += gu, dq += E gu
//   through a = tanh(A^T q + b_a): gs = ga (1 - a^2) -> dA_jd += q_j gs_d, db_a += gs, dq += A gs
//   dLoss/dM_t = (M_t's own reads) + G * (1 - z_k e_d).
import { dot4, dotsWithRows } from '../dot';
import { checkRow } from '../memory';
import { RowAccumulator } from '../rum-item/kernel';
import { softmaxExp } from '../rum-item/forward';
import { GLOBAL_TABLES, globalRows, type RumFeatureConfig, type RumFeatureParams, type Table } from './params';

/**
 * A batch of whole sequences. Sequence j is user users[j]'s positions start[j] .. start[j] +
 * length[j] of the position arrays: the purchase written after the position (written[·]) and C
 * candidates with labels (candidates[pos*C + c]; the positive's label 1, sampled negatives 0).
 * Arrays may be longer than the counts need (preallocated).
 */
export interface FeatureBatch {
  /** C = 1 + negatives per positive. */
  candidatesPerExample: number;
  /** Sequences in the batch. */
  sequences: number;
  /** Positions (examples) over all sequences. */
  positions: number;
  users: Int32Array;
  start: Int32Array;
  length: Int32Array;
  written: Int32Array;
  candidates: Int32Array;
  labels: Float32Array;
}

export function createFeatureBatch(maxSequences: number, maxPositions: number, candidatesPerExample: number): FeatureBatch {
  return {
    candidatesPerExample,
    sequences: 0,
    positions: 0,
    users: new Int32Array(maxSequences),
    start: new Int32Array(maxSequences),
    length: new Int32Array(maxSequences),
    written: new Int32Array(maxPositions),
    candidates: new Int32Array(maxPositions * candidatesPerExample),
    labels: new Float32Array(maxPositions * candidatesPerExample),
  };
}

/** Where each shared table starts in the one block (and in `globalGrad`), in numbers. */
export function globalOffsets(config: RumFeatureConfig): Record<(typeof GLOBAL_TABLES)[number], number> & { total: number } {
  const rows = globalRows(config);
  const out = { total: 0 } as Record<(typeof GLOBAL_TABLES)[number], number> & { total: number };
  let at = 0;
  for (const name of GLOBAL_TABLES) {
    out[name] = at * config.dim;
    at += rows[name];
  }
  out.total = at * config.dim;
  return out;
}

/** Buffers reused across batches: the gradient sums, and the sequence state, grown to the longest sequence seen. */
export class FeatureScratch {
  readonly user: RowAccumulator;
  readonly item: RowAccumulator;
  /** Gradient of the shared tables, laid out as their block (globalOffsets). */
  readonly globalGrad: Float64Array;
  /** The shared tables as float64 copies, refreshed per batch (they change only at the optimiser step). */
  readonly globals: Float64Array;
  readonly maxPositions: number;
  readonly maxSequences: number;
  readonly C: number;
  // Per position t of the current sequence: M_t (K x D), dLoss/dM_t from its reads (K x D), the write's z (K), e and a (D).
  Ms = new Float64Array(0);
  RG = new Float64Array(0);
  Zw = new Float64Array(0);
  Ew = new Float64Array(0);
  Aw = new Float64Array(0);
  readonly pv: Float64Array;
  readonly gp: Float64Array;
  readonly qv: Float64Array;
  readonly gq: Float64Array;
  readonly w: Float64Array;
  readonly z: Float64Array;
  readonly v: Float64Array;
  readonly G: Float64Array;
  readonly gz: Float64Array;
  readonly gu: Float64Array;
  readonly gs: Float64Array;
  private readonly config: RumFeatureConfig;
  private readonly nUsers: number;
  private readonly nItems: number;

  constructor(p: RumFeatureParams<Table>, maxSequences: number, maxPositions: number, candidatesPerExample: number) {
    const { dim: D, slots: K } = p.config;
    this.config = { ...p.config };
    this.nUsers = p.nUsers;
    this.nItems = p.nItems;
    this.maxPositions = maxPositions;
    this.maxSequences = maxSequences;
    this.C = candidatesPerExample;
    this.user = new RowAccumulator(p.nUsers, maxSequences, D);
    this.item = new RowAccumulator(p.nItems, maxPositions * (candidatesPerExample + 1), D);
    const total = globalOffsets(p.config).total;
    this.globalGrad = new Float64Array(total);
    this.globals = new Float64Array(total);
    this.pv = new Float64Array(D);
    this.gp = new Float64Array(D);
    this.qv = new Float64Array(D);
    this.gq = new Float64Array(D);
    this.w = new Float64Array(K);
    this.z = new Float64Array(K);
    this.v = new Float64Array(K);
    this.G = new Float64Array(K * D);
    this.gz = new Float64Array(K);
    this.gu = new Float64Array(D);
    this.gs = new Float64Array(D);
  }

  /** Room for a sequence of T positions. */
  ensure(T: number): void {
    const { dim: D, slots: K } = this.config;
    if (this.Zw.length >= T * K && this.Ew.length >= T * D) return;
    const n = Math.max(T, 2 * this.Ew.length / Math.max(1, D));
    this.Ms = new Float64Array(n * K * D);
    this.RG = new Float64Array(n * K * D);
    this.Zw = new Float64Array(n * K);
    this.Ew = new Float64Array(n * D);
    this.Aw = new Float64Array(n * D);
  }
}

export function checkFeatureBatch(p: RumFeatureParams<Table>, batch: FeatureBatch): void {
  const C = batch.candidatesPerExample;
  if (!Number.isInteger(C) || C < 1) throw new Error(`candidatesPerExample must be >= 1, got ${C}`);
  let positions = 0;
  for (let j = 0; j < batch.sequences; j++) {
    checkRow(batch.users[j], p.nUsers, 'user');
    const T = batch.length[j];
    if (!(Number.isInteger(T) && T >= 0)) throw new Error(`sequence length ${T} is not a whole number >= 0`);
    if (batch.start[j] !== positions) throw new Error(`sequence ${j} starts at ${batch.start[j]}, expected ${positions} (sequences are laid out in order)`);
    positions += T;
  }
  if (positions !== batch.positions) throw new Error(`sequences hold ${positions} positions, batch says ${batch.positions}`);
  if (batch.written.length < positions || batch.candidates.length < positions * C || batch.labels.length < positions * C) throw new Error('batch arrays shorter than its positions need');
  for (let t = 0; t < positions; t++) {
    checkRow(batch.written[t], p.nItems, 'written item');
    for (let c = 0; c < C; c++) checkRow(batch.candidates[t * C + c], p.nItems, 'candidate');
  }
}

/**
 * Fills the scratch's gradient sums (L2 included) for the batch and returns its loss (header).
 * Generic over the tables' element type so that the tests can check it in float64.
 */
export function accumulate(p: RumFeatureParams<Table>, batch: FeatureBatch, l2: number, s: FeatureScratch): number {
  const { dim: D, slots: K, alpha, beta } = p.config;
  const C = batch.candidatesPerExample;
  const B = batch.positions;
  const P = p.user;
  const Q = p.item;
  const scale = B * C > 0 ? 1 / (B * C) : 0;
  const r2 = 2 * l2 * scale;
  const useMemory = alpha !== 0 && K > 0;
  const D4 = D - (D % 4);
  const KD = K * D;
  const off = globalOffsets(p.config);
  const GG = s.globalGrad;
  const GL = s.globals;
  GG.fill(0);
  GL.set(p.keys, off.keys);
  GL.set(p.erase, off.erase);
  GL.set(p.eraseBias, off.eraseBias);
  GL.set(p.add, off.add);
  GL.set(p.addBias, off.addBias);
  const keysAt = off.keys / D; // the keys' first row in GL (for dotsWithRows)
  const oK = off.keys;
  const oE = off.erase;
  const oBe = off.eraseBias;
  const oA = off.add;
  const oBa = off.addBias;
  s.user.reset();
  s.item.reset();
  const GP = s.user.grad;
  const GQ = s.item.grad;
  const { pv, gp, qv, gq, w, z, v, G, gz, gu, gs } = s;
  let loss = 0;
  let sq = 0;

  for (let j = 0; j < batch.sequences; j++) {
    const u = batch.users[j];
    const T = batch.length[j];
    const st = batch.start[j];
    if (T === 0) continue;
    s.ensure(T);
    const { Ms, RG, Zw, Ew, Aw } = s;
    for (let d = 0; d < D; d++) {
      pv[d] = P[u * D + d];
      gp[d] = 0;
    }
    let pp = 0;
    for (let d = 0; d < D; d++) pp += pv[d] * pv[d];
    if (useMemory) Ms.fill(0, 0, KD);

    for (let t = 0; t < T; t++) {
      const pos = st + t;
      const Mo = t * KD;
      sq += pp;
      for (let d = 0; d < D; d++) gp[d] += r2 * pv[d];
      const writes = useMemory && t < T - 1;
      const vi = batch.written[pos];
      let haveZw = false;
      if (useMemory) RG.fill(0, Mo, Mo + KD);
      for (let c = 0; c < C; c++) {
        const i = batch.candidates[pos * C + c];
        const y = batch.labels[pos * C + c];
        const qo = i * D;
        for (let d = 0; d < D; d++) qv[d] = Q[qo + d];
        let logit = dot4(pv, 0, qv, D, D4);
        sq += dot4(qv, 0, qv, D, D4);
        let f = 0;
        if (useMemory) {
          dotsWithRows(GL, keysAt, K, qv, D, D4, w, 0);
          const S = softmaxExp(w, 0, K, beta, z, 0);
          dotsWithRows(Ms, t * K, K, qv, D, D4, v, 0);
          for (let k = 0; k < K; k++) {
            z[k] /= S;
            f += z[k] * v[k];
          }
          logit += alpha * f;
          // The write's attention is the read attention of the purchase written (the positive):
          // kept rather than computed again (the same numbers).
          if (writes && !haveZw && i === vi) {
            Zw.set(z.subarray(0, K), t * K);
            haveZw = true;
          }
        }
        // Stable BCE with logits: softplus(x) - y x; its derivative is sigmoid(x) - y.
        const ax = logit < 0 ? -logit : logit;
        const ex = Math.exp(-ax);
        loss += (logit > 0 ? logit : 0) + Math.log1p(ex) - y * logit;
        const sig = logit >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
        const g = (sig - y) * scale;
        for (let d = 0; d < D; d++) {
          gp[d] += g * qv[d];
          gq[d] = g * pv[d] + r2 * qv[d];
        }
        if (useMemory) {
          const ga = g * alpha;
          for (let k = 0; k < K; k++) {
            const cD = ga * z[k];
            const cW = ga * beta * z[k] * (v[k] - f);
            const mo = Mo + k * D;
            const ko = oK + k * D;
            for (let d = 0; d < D; d++) {
              gq[d] += cD * Ms[mo + d] + cW * GL[ko + d];
              RG[mo + d] += cD * qv[d];
              GG[ko + d] += cW * qv[d];
            }
          }
        }
        const go = s.item.offsetOf(i);
        for (let d = 0; d < D; d++) GQ[go + d] += gq[d];
      }

      if (writes) {
        // Write v_t: its gates are kept for the backward pass.
        const qo = vi * D;
        for (let d = 0; d < D; d++) qv[d] = Q[qo + d];
        const zo = t * K;
        if (!haveZw) {
          dotsWithRows(GL, keysAt, K, qv, D, D4, w, 0);
          const S = softmaxExp(w, 0, K, beta, Zw, zo);
          for (let k = 0; k < K; k++) Zw[zo + k] /= S;
        }
        const eo = t * D;
        // E^T q and A^T q row by row of E and A (contiguous reads), summed in gu and gs (free until the backward pass).
        for (let d = 0; d < D; d++) {
          gu[d] = GL[oBe + d];
          gs[d] = GL[oBa + d];
        }
        for (let i = 0; i < D; i++) {
          const q = qv[i];
          const eRow = oE + i * D;
          const aRow = oA + i * D;
          for (let d = 0; d < D; d++) {
            gu[d] += GL[eRow + d] * q;
            gs[d] += GL[aRow + d] * q;
          }
        }
        for (let d = 0; d < D; d++) {
          Ew[eo + d] = 1 / (1 + Math.exp(-gu[d]));
          Aw[eo + d] = Math.tanh(gs[d]);
        }
        const next = Mo + KD;
        for (let k = 0; k < K; k++) {
          const zk = Zw[zo + k];
          const mo = Mo + k * D;
          for (let d = 0; d < D; d++) Ms[next + k * D + d] = Ms[mo + d] * (1 - zk * Ew[eo + d]) + zk * Aw[eo + d];
        }
      }
    }
    const po = s.user.offsetOf(u);
    for (let d = 0; d < D; d++) GP[po + d] += gp[d];
    if (!useMemory) continue;

    // Backward through time: G = dLoss/dM_{t+1} on entry to step t's write.
    G.set(RG.subarray((T - 1) * KD, T * KD));
    for (let t = T - 2; t >= 0; t--) {
      const vi = batch.written[st + t];
      const qo = vi * D;
      for (let d = 0; d < D; d++) {
        qv[d] = Q[qo + d];
        gq[d] = 0;
        gu[d] = 0;
        gs[d] = 0;
      }
      const Mo = t * KD;
      const zo = t * K;
      const eo = t * D;
      // gu, gs first hold ge, ga.
      let zg = 0;
      for (let k = 0; k < K; k++) {
        const zk = Zw[zo + k];
        const mo = Mo + k * D;
        const ko = k * D;
        let acc = 0;
        for (let d = 0; d < D; d++) {
          const gkd = G[ko + d];
          const m = Ms[mo + d];
          acc += gkd * (Aw[eo + d] - m * Ew[eo + d]);
          gu[d] -= gkd * zk * m;
          gs[d] += gkd * zk;
        }
        gz[k] = acc;
        zg += zk * acc;
      }
      for (let k = 0; k < K; k++) {
        const gw = beta * Zw[zo + k] * (gz[k] - zg);
        const ko = oK + k * D;
        for (let d = 0; d < D; d++) {
          gq[d] += gw * GL[ko + d];
          GG[ko + d] += gw * qv[d];
        }
      }
      for (let d = 0; d < D; d++) {
        const e = Ew[eo + d];
        const a = Aw[eo + d];
        gu[d] *= e * (1 - e);
        gs[d] *= 1 - a * a;
        GG[oBe + d] += gu[d];
        GG[oBa + d] += gs[d];
      }
      for (let i = 0; i < D; i++) {
        const q = qv[i];
        const ro = i * D;
        let acc = 0;
        for (let d = 0; d < D; d++) {
          GG[oE + ro + d] += q * gu[d];
          GG[oA + ro + d] += q * gs[d];
          acc += GL[oE + ro + d] * gu[d] + GL[oA + ro + d] * gs[d];
        }
        gq[i] += acc;
      }
      const go = s.item.offsetOf(vi);
      for (let d = 0; d < D; d++) GQ[go + d] += gq[d];
      if (t === 0) break; // M_0 is the constant zero state
      const rg = Mo; // dLoss/dM_t = its reads + G (1 - z_k e)
      for (let k = 0; k < K; k++) {
        const zk = Zw[zo + k];
        const ko = k * D;
        for (let d = 0; d < D; d++) G[ko + d] = RG[rg + ko + d] + G[ko + d] * (1 - zk * Ew[eo + d]);
      }
    }
  }

  // The shared matrices' L2, once per position (header).
  if (l2 !== 0 && B > 0) {
    const r = r2 * B;
    for (const [from, n] of [
      [oK, K * D],
      [oE, D * D],
      [oA, D * D],
    ]) {
      for (let x = from; x < from + n; x++) {
        sq += B * GL[x] * GL[x];
        GG[x] += r * GL[x];
      }
    }
  }
  return (loss + l2 * sq) * scale;
}

/** Dense gradients of every table, for tests: each has the shape of its table. */
export type DenseGradients = Record<'user' | 'item' | (typeof GLOBAL_TABLES)[number], Float64Array>;

/** Loss and gradients of one batch, copied out dense from a fresh scratch (tests, checks; not the hot path). */
export function lossAndGradients(p: RumFeatureParams<Table>, batch: FeatureBatch, l2: number): { loss: number; grads: DenseGradients } {
  checkFeatureBatch(p, batch);
  const s = new FeatureScratch(p, Math.max(1, batch.sequences), Math.max(1, batch.positions), batch.candidatesPerExample);
  const loss = accumulate(p, batch, l2, s);
  const D = p.config.dim;
  const dense = (acc: RowAccumulator, n: number) => {
    const out = new Float64Array(n * D);
    for (let r = 0; r < acc.count; r++) out.set(acc.grad.subarray(r * D, (r + 1) * D), acc.rows[r] * D);
    return out;
  };
  const off = globalOffsets(p.config);
  const part = (name: (typeof GLOBAL_TABLES)[number]) => s.globalGrad.slice(off[name], off[name] + p[name].length);
  return {
    loss,
    grads: {
      user: dense(s.user, p.nUsers),
      item: dense(s.item, p.nItems),
      keys: part('keys'),
      erase: part('erase'),
      eraseBias: part('eraseBias'),
      add: part('add'),
      addBias: part('addBias'),
    },
  };
}
