// What feature-level RUM can say about one recommendation (issue 12, item 2): pure functions over
// the parameters, for the explanation views to show.
//
// - explainCandidate: the candidate's attention over the K latent slots, each slot's additive
//   share alpha z_k (m_k . q_i), the intrinsic part and the logit. For Shapley values of the slots
//   it gives the game's two inputs apart, because here they differ: the attention's inputs are
//   the key dots w_k = q_i . f_k, the values the memory dots d_k = m_k . q_i (in item-level RUM
//   both are q_mk . q_i). core/explain/shapley.ts's shapleyValues(w, d, alpha, beta) takes them
//   as two arrays and its game, v(S) = alpha sum_{k in S} softmax_S(beta w)_k d_k, is exactly
//   this model's memory part with only the slots in S (softmax re-taken over S), so
//   shapleyValues(keyDots, valueDots, alpha, beta) applies as is (explain.test.ts checks the
//   values sum to memoryTerm). Note that all K slots always take part (the latent memory has no
//   empty slots), so exact values need K <= SHAPLEY_MAX_SLOTS (20, the paper's default K).
// - writeHistory: how each purchase wrote the memory: write weights z_k, the share of slot k
//   erased (z_k mean_d e_d) and the size of what was added (z_k ||a||), and each slot's norm after.
//   The writes depend on the purchased items only, not on the user (p*_u is not in them).
// - slotNames: each latent slot named by the items whose embeddings load on its key most
//   (largest q_i . f_k), the items whose purchase writes mostly into that slot (for beta > 0).
import { topN } from '../../eval/top-n';
import { checkRow } from '../memory';
import { applyWrite, createWriteGates, memoryAfter, readCandidate, writeGates, type FeatureRead } from './forward';
import type { RumFeatureParams } from './params';

export interface CandidateExplanation extends FeatureRead {
  alpha: number;
  beta: number;
  /** beta q_i . f_k: the softmax's inputs, so attention = softmax(keyLogits). */
  keyLogits: Float64Array;
}

/** Candidate `item` for `user` after the purchases `history` (oldest first; negative = padding). */
export function explainCandidate(p: RumFeatureParams, user: number, history: ArrayLike<number>, item: number): CandidateExplanation {
  const read = readCandidate(p, user, memoryAfter(p, history), item);
  const { alpha, beta } = p.config;
  return { ...read, alpha, beta, keyLogits: read.keyDots.map((x) => beta * x) };
}

/** The same at step t of a timeline: the memory after items[0, t). */
export function explainAtStep(p: RumFeatureParams, user: number, items: ArrayLike<number>, t: number, item: number): CandidateExplanation {
  if (!(Number.isInteger(t) && t >= 0 && t <= items.length)) throw new Error(`step ${t} outside 0..${items.length}`);
  return explainCandidate(p, user, Array.prototype.slice.call(items, 0, t) as number[], item);
}

export interface WriteHistory {
  /** Slots K; each Float64Array below holds K numbers per written step, row-major. */
  slots: number;
  /** The timeline position of each write (padding is skipped) and the item written. */
  steps: Int32Array;
  items: Int32Array;
  /** z_k: the write attention of the purchase on slot k. */
  z: Float64Array;
  /** z_k mean_d(e_d): the mean share of slot k's value erased by the write. */
  erased: Float64Array;
  /** ||z_k a||: the size of what the write added to slot k. */
  added: Float64Array;
  /** ||m_k|| after the write. */
  norm: Float64Array;
}

/**
 * The writes of the purchases items[0, end) (all by default), in order. Empty when the model
 * reads no memory (alpha = 0 or K = 0): nothing is written then.
 */
export function writeHistory(p: RumFeatureParams, items: ArrayLike<number>, end = items.length): WriteHistory {
  const { dim: D, slots: K, alpha } = p.config;
  const steps: number[] = [];
  if (alpha !== 0 && K > 0) for (let s = 0; s < end; s++) if (items[s] >= 0) steps.push(s);
  const n = steps.length;
  const out: WriteHistory = {
    slots: K,
    steps: Int32Array.from(steps),
    items: Int32Array.from(steps, (s) => items[s]),
    z: new Float64Array(n * K),
    erased: new Float64Array(n * K),
    added: new Float64Array(n * K),
    norm: new Float64Array(n * K),
  };
  const M = new Float64Array(K * D);
  const gates = createWriteGates(K, D);
  for (let j = 0; j < n; j++) {
    const v = out.items[j];
    checkRow(v, p.nItems, 'history item');
    writeGates(p, v, gates);
    let eMean = 0;
    let aNorm = 0;
    for (let d = 0; d < D; d++) {
      eMean += gates.erase[d] / D;
      aNorm += gates.add[d] * gates.add[d];
    }
    aNorm = Math.sqrt(aNorm);
    applyWrite(M, gates, K, D);
    for (let k = 0; k < K; k++) {
      const zk = gates.z[k];
      out.z[j * K + k] = zk;
      out.erased[j * K + k] = zk * eMean;
      out.added[j * K + k] = zk * aNorm;
      let m2 = 0;
      for (let d = 0; d < D; d++) m2 += M[k * D + d] ** 2;
      out.norm[j * K + k] = Math.sqrt(m2);
    }
  }
  return out;
}

export interface SlotName {
  slot: number;
  /** The items with the largest q_i . f_k, best first. */
  items: Int32Array;
  /** Their q_i . f_k. */
  loadings: Float64Array;
}

/** Each latent slot's `top` items by loading q_i . f_k (ties: lower item index first). */
export function slotNames(p: RumFeatureParams, top = 5): SlotName[] {
  const { dim: D, slots: K } = p.config;
  const load = new Float64Array(p.nItems);
  const out: SlotName[] = [];
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < p.nItems; i++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += p.item[i * D + d] * p.keys[k * D + d];
      load[i] = s;
    }
    const items = topN(load, top);
    out.push({ slot: k, items, loadings: Float64Array.from(items, (i) => load[i]) });
  }
  return out;
}
