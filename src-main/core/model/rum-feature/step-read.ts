// Feature-level RUM for the explanations (ModelSpec.explainAt): at step t, every item's score split
// over the K latent slots as StepScores (../step-scores.ts) holds it. A slot's key column is
// q_i . f_k (fixed by the model, so kept per loaded weights), its value column q_i . m_k with m_k
// the memory after the purchases before t; the same StepScores as item-level RUM then gives the
// shares, the counterfactual without each slot and, through shapleyValues(key, value), the exact
// Shapley values, since its game is this model's memory part with only some slots read.
import { checkRow } from '../memory';
import type { StepRead, Weights } from '../model';
import { EXP_SAFE } from '../rum-item/item-columns';
import { StepScores, type SlotColumn } from '../step-scores';
import { applyWrite, createWriteGates, writeGates } from './forward';
import type { RumFeatureParams } from './params';
import { featureParams } from './weights';

interface KeyColumns {
  key: Float64Array[];
  exp: (Float64Array | null)[];
}

const keysKept = new WeakMap<Weights, KeyColumns>();

function keyColumns(p: RumFeatureParams): KeyColumns {
  const { dim: D, slots: K, beta } = p.config;
  const n = p.nItems;
  const key = Array.from({ length: K }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += p.item[i * D + d] * p.keys[k * D + d];
      key[k][i] = s;
    }
  }
  const exp = key.map((col) => {
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = beta * col[i];
      if (!(x <= EXP_SAFE && x >= -EXP_SAFE)) return null;
      e[i] = Math.exp(x);
    }
    return e;
  });
  return { key, exp };
}

/** Every item's dot with each memory row m_k: the value columns. */
function valueColumns(p: RumFeatureParams, M: Float64Array): Float64Array[] {
  const { dim: D, slots: K } = p.config;
  const n = p.nItems;
  const out = Array.from({ length: K }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const qo = i * D;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += M[k * D + d] * p.item[qo + d];
      out[k][i] = s;
    }
  }
  return out;
}

/**
 * The reader for one user's timeline. The memory is a recurrent state, so it is carried forward
 * from the last step asked for (stepping through a timeline writes one purchase per step) and
 * rebuilt from the start only when asked for an earlier step.
 */
export function featureStepReader(weights: Weights, user: number, items: Int32Array): (step: number) => StepRead {
  const p = featureParams(weights);
  const { dim: D, slots: K, alpha, beta } = p.config;
  checkRow(user, p.nUsers, 'user');
  let keys = keysKept.get(weights);
  if (!keys) keysKept.set(weights, (keys = keyColumns(p)));
  const intrinsic = new Float64Array(p.nItems);
  for (let i = 0; i < p.nItems; i++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += p.user[user * D + d] * p.item[i * D + d];
    intrinsic[i] = s;
  }
  const M = new Float64Array(K * D);
  const gates = createWriteGates(K, D);
  const w = new Float64Array(K);
  let at = 0;
  const { key, exp } = keys;
  return (step) => {
    if (step < at) {
      M.fill(0);
      at = 0;
    }
    for (; at < step; at++) applyWrite(M, writeGates(p, items[at], gates, w), K, D);
    // alpha = 0 reads nothing: no slots, the logit is the intrinsic part (MF).
    const read = alpha === 0 ? 0 : K;
    const values = valueColumns(p, M);
    const columns: SlotColumn[] = Array.from({ length: read }, (_, k) => ({ key: key[k], value: values[k], exp: exp[k] }));
    return { scores: new StepScores(alpha, beta, intrinsic, columns), slots: columns.map(() => ({ item: -1, step: -1 })) };
  };
}
