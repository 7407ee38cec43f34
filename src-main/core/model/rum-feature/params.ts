// Parameters of feature-level RUM (docs/model.md, "Feature-level RUM"): the RUM family's item and
// user tables, plus the tables every user shares: the K latent feature keys F and the write
// gates' matrices and biases. Plain typed arrays, so the training kernel, the scorers and the
// store share them without copies.
import type { Rng } from '../../random';

/** The parameter arrays: float32 in models; float64 too, so the tests can check gradients by finite differences. */
export type Table = Float32Array | Float64Array;

export interface RumFeatureConfig {
  /** Embedding dimension D. */
  dim: number;
  /** Latent features K: the memory's slots, each holding the user's preference on one feature. */
  slots: number;
  /** Weight of the memory embedding in p_u = p*_u + alpha p^m_u; 0 gives plain MF. */
  alpha: number;
  /** Attention strength in z = softmax(beta q_i . f_k). */
  beta: number;
}

/**
 * The tables, row-major. Matrices are stored as the spec writes them transposed: the erase gate
 * is e = sigmoid(E^T q + b_e), so e_d = sigmoid(sum_j erase[j*D + d] q_j + eraseBias[d]); the add
 * gate a = tanh(A^T q + b_a) likewise.
 */
export interface RumFeatureParams<T extends Table = Float32Array> {
  config: RumFeatureConfig;
  nUsers: number;
  nItems: number;
  /** nItems x D: q_i. */
  item: T;
  /** nUsers x D: p*_u, the intrinsic user embedding. */
  user: T;
  /** K x D: the latent feature keys f_k, shared by all users. */
  keys: T;
  /** D x D: E. */
  erase: T;
  /** D: b_e. */
  eraseBias: T;
  /** D x D: A. */
  add: T;
  /** D: b_a. */
  addBias: T;
}

/** The shared tables in the order one block holds them (see globalRows), each a whole number of D-wide rows. */
export const GLOBAL_TABLES = ['keys', 'erase', 'eraseBias', 'add', 'addBias'] as const;
export type GlobalTable = (typeof GLOBAL_TABLES)[number];

/** Rows of D numbers each shared table has: keys K, the matrices D, the biases 1. */
export function globalRows(config: RumFeatureConfig): Record<GlobalTable, number> {
  const { dim: D, slots: K } = config;
  return { keys: K, erase: D, eraseBias: 1, add: D, addBias: 1 };
}

export function validateRumFeatureConfig(config: RumFeatureConfig): void {
  const { dim, slots, alpha, beta } = config;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`dim must be a positive integer, got ${dim}`);
  if (!Number.isInteger(slots) || slots < 0) throw new Error(`slots must be a non-negative integer, got ${slots}`);
  if (!Number.isFinite(alpha)) throw new Error(`alpha must be finite, got ${alpha}`);
  if (!Number.isFinite(beta)) throw new Error(`beta must be finite, got ${beta}`);
}

/**
 * Random initial parameters, drawn in a fixed order (items, users, keys, E, A) so a seed fixes them.
 * Items and users are N(0, scale^2) like item-level RUM's. The keys and the gate matrices are
 * N(0, 1/D) *(our choice)*: keys then have about unit length, so distinct features start in
 * distinct directions, and E^T q, A^T q start on the scale of q. Biases start at 0 (erase 1/2).
 * The shared tables are views of one block (globalBlock), which the optimiser steps as one table.
 */
export function initRumFeatureParams(config: RumFeatureConfig, nUsers: number, nItems: number, rng: Rng, scale = 0.1): RumFeatureParams {
  validateRumFeatureConfig(config);
  if (!Number.isInteger(nUsers) || nUsers < 0) throw new Error(`nUsers must be a non-negative integer, got ${nUsers}`);
  if (!Number.isInteger(nItems) || nItems < 0) throw new Error(`nItems must be a non-negative integer, got ${nItems}`);
  const D = config.dim;
  const item = new Float32Array(nItems * D);
  const user = new Float32Array(nUsers * D);
  for (let i = 0; i < item.length; i++) item[i] = rng.normal() * scale;
  for (let i = 0; i < user.length; i++) user[i] = rng.normal() * scale;
  const g = allocateGlobals(config);
  const s = 1 / Math.sqrt(D);
  for (const t of [g.keys, g.erase, g.add]) for (let i = 0; i < t.length; i++) t[i] = rng.normal() * s;
  return { config: { ...config }, nUsers, nItems, item, user, ...g };
}

/** Zeroed shared tables as views of one Float32Array block, in GLOBAL_TABLES order. */
export function allocateGlobals(config: RumFeatureConfig): Record<GlobalTable, Float32Array> {
  const rows = globalRows(config);
  const D = config.dim;
  let total = 0;
  for (const name of GLOBAL_TABLES) total += rows[name];
  const block = new Float32Array(total * D);
  const out = {} as Record<GlobalTable, Float32Array>;
  let at = 0;
  for (const name of GLOBAL_TABLES) {
    out[name] = block.subarray(at * D, (at + rows[name]) * D);
    at += rows[name];
  }
  return out;
}

/**
 * The shared tables as the one block they are views of (initRumFeatureParams, allocateGlobals),
 * or undefined when they are separate arrays (weights loaded from the store).
 */
export function globalBlock(p: RumFeatureParams): Float32Array | undefined {
  const first = p.keys;
  let end = first.byteOffset;
  for (const name of GLOBAL_TABLES) {
    const t = p[name];
    if (t.buffer !== first.buffer || t.byteOffset !== end) return undefined;
    end += t.byteLength;
  }
  return new Float32Array(first.buffer, first.byteOffset, (end - first.byteOffset) / Float32Array.BYTES_PER_ELEMENT);
}
