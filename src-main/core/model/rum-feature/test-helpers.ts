// Shared by this folder's tests: random parameters in either precision and small batches.
import { Rng } from '../../random';
import { createFeatureBatch, type FeatureBatch } from './kernel';
import { initRumFeatureParams, type RumFeatureConfig, type RumFeatureParams } from './params';

/** Random parameters with every table, biases included, drawn N(0, scale^2). */
export function randomParams(config: RumFeatureConfig, nUsers: number, nItems: number, seed: number, scale = 0.5): RumFeatureParams {
  const rng = new Rng(seed);
  const p = initRumFeatureParams(config, nUsers, nItems, rng, scale);
  for (const t of [p.keys, p.erase, p.eraseBias, p.add, p.addBias]) for (let i = 0; i < t.length; i++) t[i] = rng.normal() * scale * 2;
  return p;
}

/** The same parameters as float64 tables. */
export function toFloat64(p: RumFeatureParams): RumFeatureParams<Float64Array> {
  return {
    config: { ...p.config },
    nUsers: p.nUsers,
    nItems: p.nItems,
    item: Float64Array.from(p.item),
    user: Float64Array.from(p.user),
    keys: Float64Array.from(p.keys),
    erase: Float64Array.from(p.erase),
    eraseBias: Float64Array.from(p.eraseBias),
    add: Float64Array.from(p.add),
    addBias: Float64Array.from(p.addBias),
  };
}

/** A batch of the given users' sequences: position t writes seqs[j][t], candidate 0 is it (label 1), the rest random (label 0). */
export function batchOf(users: number[], seqs: number[][], nItems: number, C: number, seed: number): FeatureBatch {
  const rng = new Rng(seed);
  const positions = seqs.reduce((s, x) => s + x.length, 0);
  const b = createFeatureBatch(users.length, positions, C);
  for (let j = 0; j < users.length; j++) {
    b.users[j] = users[j];
    b.start[j] = b.positions;
    b.length[j] = seqs[j].length;
    for (const v of seqs[j]) {
      const pos = b.positions++;
      b.written[pos] = v;
      b.candidates[pos * C] = v;
      b.labels[pos * C] = 1;
      for (let c = 1; c < C; c++) b.candidates[pos * C + c] = rng.int(nItems);
    }
    b.sequences++;
  }
  return b;
}
