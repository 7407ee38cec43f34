// What a model kind is, the shape RecBole's model classes have: its typed settings, its
// parameters, how it scores every item for a user after a history, what its memory attends to at
// a step, and its training step. Hosts, services and the trainer go through the registry
// (registry.ts) instead of switching on the kind; adding a model is one folder here and one line there.
import type { RumItemParams, RumItemConfig } from './rum-item/params';
import type { RumItemBatch, RumItemScratch, SparseOptimiser } from './rum-item/kernel';

/** A trained model's parameters as stored. MostPopular is just its counts. */
export type Weights = { kind: 'pop'; counts: Float32Array } | { kind: 'rum-item' | 'bpr' | 'fpmc'; params: RumItemParams };

/** What the memory holds at one step and how a candidate attends to it (empty for a model without one). */
export interface MemoryAttention {
  /** The items read, oldest first. */
  memory: Int32Array;
  /** The candidate's attention on each, summing to 1 when any is read. */
  attention: Float64Array;
}

export interface ModelSpec {
  readonly kind: Weights['kind'];
  /** The name the paper and the comparison tables use. */
  readonly title: string;
  /** Settings this kind fixes whatever was asked: the baselines are RUM with parts switched off. */
  readonly fixes: Partial<RumItemConfig>;
  /** The loss its training step minimises; null when there is nothing to train (counts). */
  readonly loss: 'bce' | 'bpr' | null;
  /** Whether explanations (score split, slots, counterfactuals) exist for it. */
  readonly explains: boolean;
  /** Logits (or scores) of every item for `user` after `history` (oldest first; negative = padding). */
  score(weights: Weights, user: number, history: ArrayLike<number>, out?: Float32Array): Float32Array;
  /** The memory after `history` and candidate `item`'s attention over it. */
  attention(weights: Weights, user: number, history: ArrayLike<number>, item: number): MemoryAttention;
  /** One optimiser step on a batch; returns its loss before the update. */
  trainStep(weights: Weights, batch: RumItemBatch, optimiser: SparseOptimiser, l2: number, scratch: RumItemScratch): number;
}

/** The RUM tables of some weights, or a clear error naming the kind that has none. */
export function rumParams(weights: Weights): RumItemParams {
  if (weights.kind === 'pop') throw new Error('MostPopular has no embedding tables');
  return weights.params;
}
