import type { Weights } from '../core/model/model';
import { modelSpec } from '../core/model/registry';
import type { RankFn } from '../core/train/protocol';
import { currentBackend } from './backend';

/**
 * The ranking used for validation and test: the model's tfjs ranking (for the RUM family,
 * batched matMuls) where a fast backend loaded (wasm, tensorflow); its plain-JS ranking otherwise,
 * since on tfjs's cpu backend the JS loops are ~7x faster. Here in engine/, not in jobs/, so
 * that evaluating a stored model needs nothing from training.
 */
export function rankerFor(weights: Weights): RankFn {
  const spec = modelSpec(weights.kind);
  const backend = currentBackend();
  const fast = backend !== null && backend !== 'cpu';
  return fast && spec.rankTf ? spec.rankTf(weights) : spec.rank(weights);
}
