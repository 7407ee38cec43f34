// Item-level RUM's parameters as generic Weights and back. The tables keep their buffers both
// ways (no copies), so the kernel, the scorers and the store share them.
import { tensorOf, type Weights } from '../model';
import type { RumItemConfig, RumItemParams } from './params';

/** RUM-family weights (rum-item, bpr, fpmc): tensors `item` [nItems, dim] and `user` [nUsers, dim]. */
export function rumWeights(kind: string, p: RumItemParams): Weights {
  const { dim } = p.config;
  return {
    kind,
    config: { ...p.config },
    tensors: { item: { shape: [p.nItems, dim], data: p.item }, user: { shape: [p.nUsers, dim], data: p.user } },
  };
}

/** The RUM tables of some weights, or a clear error naming the kind that has none. */
export function rumParams(weights: Weights): RumItemParams {
  const item = weights.tensors.item;
  const user = weights.tensors.user;
  if (!item || !user) throw new Error(`${weights.kind} weights have no embedding tables`);
  const { dim, slots, alpha, beta } = weights.config as unknown as RumItemConfig;
  return { config: { dim, slots, alpha, beta }, nItems: item.shape[0], nUsers: user.shape[0], item: tensorOf(weights, 'item'), user: tensorOf(weights, 'user') };
}
