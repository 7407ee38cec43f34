// Feature-level RUM's parameters as generic Weights and back. The tables keep their buffers both
// ways (no copies), so the kernel, the scorers and the store share them.
import { tensorOf, type Tensor, type Weights } from '../model';
import type { RumFeatureConfig, RumFeatureParams } from './params';

/**
 * Tensors `item` [nItems, D], `user` [nUsers, D], `keys` [K, D], `erase` [D, D] (E),
 * `eraseBias` [D], `add` [D, D] (A), `addBias` [D]; config { dim, slots, alpha, beta }.
 */
export function featureWeights(kind: string, p: RumFeatureParams): Weights {
  const { dim: D, slots: K } = p.config;
  const t = (shape: number[], data: Float32Array): Tensor => ({ shape, data });
  return {
    kind,
    config: { ...p.config },
    tensors: {
      item: t([p.nItems, D], p.item),
      user: t([p.nUsers, D], p.user),
      keys: t([K, D], p.keys),
      erase: t([D, D], p.erase),
      eraseBias: t([D], p.eraseBias),
      add: t([D, D], p.add),
      addBias: t([D], p.addBias),
    },
  };
}

/** The tables of some feature-level weights, or a clear error naming what is missing or misshapen. */
export function featureParams(weights: Weights): RumFeatureParams {
  const { dim, slots, alpha, beta } = weights.config as unknown as RumFeatureConfig;
  if (![dim, slots, alpha, beta].every(Number.isFinite)) throw new Error(`${weights.kind} weights lack dim, slots, alpha or beta`);
  const item = tensorOf(weights, 'item');
  const user = tensorOf(weights, 'user');
  const p: RumFeatureParams = {
    config: { dim, slots, alpha, beta },
    nItems: item.length / dim,
    nUsers: user.length / dim,
    item,
    user,
    keys: tensorOf(weights, 'keys'),
    erase: tensorOf(weights, 'erase'),
    eraseBias: tensorOf(weights, 'eraseBias'),
    add: tensorOf(weights, 'add'),
    addBias: tensorOf(weights, 'addBias'),
  };
  const want: [keyof RumFeatureParams, number][] = [
    ['keys', slots * dim],
    ['erase', dim * dim],
    ['eraseBias', dim],
    ['add', dim * dim],
    ['addBias', dim],
  ];
  for (const [name, n] of want) {
    if ((p[name] as Float32Array).length !== n) throw new Error(`${weights.kind} weights: tensor "${name}" has ${(p[name] as Float32Array).length} numbers, need ${n}`);
  }
  if (!Number.isInteger(p.nItems) || !Number.isInteger(p.nUsers)) throw new Error(`${weights.kind} weights: item or user table is not a whole number of rows of ${dim}`);
  return p;
}
