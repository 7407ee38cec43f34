import type { RankFn } from '../core/train/protocol';
import { popularityRank } from '../core/train/pop-rank';
import type { Weights } from '../core/train/trainer';
import { currentBackend } from './backend';
import { rankAllUsersJs, rankAllUsersTf } from './rank-tf';

/**
 * The ranking used for validation and test: tfjs's batched matmuls for RUM and its kin where a
 * fast backend loaded (wasm, tensorflow); on tfjs's plain cpu backend the JS loops are ~7x faster.
 * Here in engine/, not in jobs/, so that evaluating a stored model needs nothing from training.
 */
export function rankerFor(weights: Weights): RankFn {
  if (weights.kind === 'pop') return popularityRank(weights.counts);
  const params = weights.params;
  const rank = currentBackend() === 'cpu' || currentBackend() === null ? rankAllUsersJs : rankAllUsersTf;
  return (users, memories, excluded, n) => rank(params, users, memories, excluded, n);
}
