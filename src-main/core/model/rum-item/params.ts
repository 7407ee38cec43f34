// Parameters of item-level RUM (docs/model.md). Plain Float32Arrays rather than tensors so that the
// fused training kernel, the tfjs definition and the store can all share them without copies.
import type { Rng } from '../../random';

export interface RumItemConfig {
  /** Embedding dimension D. */
  dim: number;
  /** Memory slots K; the number of most recent purchases the memory holds. */
  slots: number;
  /** Weight of the memory embedding in p_u = p*_u + alpha p^m_u; 0 gives plain MF. */
  alpha: number;
  /** Attention strength in z = softmax(beta w). */
  beta: number;
}

export interface RumItemParams {
  config: RumItemConfig;
  nUsers: number;
  nItems: number;
  /** nItems x dim, row-major: q_i. */
  item: Float32Array;
  /** nUsers x dim, row-major: p*_u, the intrinsic user embedding. */
  user: Float32Array;
}

export function validateRumItemConfig(config: RumItemConfig): void {
  const { dim, slots, alpha, beta } = config;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`dim must be a positive integer, got ${dim}`);
  if (!Number.isInteger(slots) || slots < 0) throw new Error(`slots must be a non-negative integer, got ${slots}`);
  if (!Number.isFinite(alpha)) throw new Error(`alpha must be finite, got ${alpha}`);
  if (!Number.isFinite(beta)) throw new Error(`beta must be finite, got ${beta}`);
}

/** Gaussian initialisation; items are drawn before users so a seed fixes both tables. */
export function initRumItemParams(
  config: RumItemConfig,
  nUsers: number,
  nItems: number,
  rng: Rng,
  scale = 0.1,
): RumItemParams {
  validateRumItemConfig(config);
  if (!Number.isInteger(nUsers) || nUsers < 0) throw new Error(`nUsers must be a non-negative integer, got ${nUsers}`);
  if (!Number.isInteger(nItems) || nItems < 0) throw new Error(`nItems must be a non-negative integer, got ${nItems}`);
  const item = new Float32Array(nItems * config.dim);
  const user = new Float32Array(nUsers * config.dim);
  for (let i = 0; i < item.length; i++) item[i] = rng.normal() * scale;
  for (let i = 0; i < user.length; i++) user[i] = rng.normal() * scale;
  return { config: { ...config }, nUsers, nItems, item, user };
}
