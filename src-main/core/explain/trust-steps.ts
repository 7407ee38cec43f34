// The steps over which a model's attention is compared with its Shapley values (attention-trust.ts),
// and the (attention, Shapley) pair of one step for the item actually bought then.
import { Rng } from '../random';
import { memoryBefore } from '../model/memory';
import type { RumItemParams } from '../model/rum-item/params';
import type { AttentionShapleyPair } from './attention-trust';
import { shapleyValues } from './shapley';

export interface TrustStep {
  /** Index into the sequences given. */
  user: number;
  /** The purchase explained: the memory holds the purchases before it. */
  step: number;
}

/**
 * Every step with at least two purchases before it (fewer slots say nothing about which one
 * leads) of every sequence, time order within a user, users in order; or, when there are more
 * than `maxSteps`, a uniform sample of `maxSteps` of them without replacement drawn with `seed`
 * (a partial Fisher-Yates shuffle), returned in the same order. `total` counts them all.
 */
export function trustSteps(lengths: readonly number[], maxSteps: number, seed: number): { total: number; steps: TrustStep[] } {
  let total = 0;
  for (const n of lengths) total += Math.max(0, n - 2);
  if (total <= maxSteps) {
    const steps: TrustStep[] = [];
    lengths.forEach((n, user) => {
      for (let step = 2; step < n; step++) steps.push({ user, step });
    });
    return { total, steps };
  }
  // Partial Fisher-Yates over 0..total-1 with the swaps kept in a map: O(maxSteps) memory.
  const rng = new Rng(seed);
  const swapped = new Map<number, number>();
  const chosen: number[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const j = i + rng.int(total - i);
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    chosen.push(vj);
  }
  chosen.sort((a, b) => a - b);
  // Walk once in order rather than per index.
  const steps: TrustStep[] = [];
  let u = 0;
  let before = 0;
  for (const c of chosen) {
    while (c >= before + Math.max(0, lengths[u] - 2)) before += Math.max(0, lengths[u++] - 2);
    steps.push({ user: u, step: 2 + c - before });
  }
  return { total, steps };
}

/**
 * The attention z and the exact Shapley values of the memory slots before `step`, for the item
 * bought at `step` (float64, as the explanations compute them). K must be at most SHAPLEY_MAX_SLOTS.
 */
export function trustPair(params: RumItemParams, items: ArrayLike<number>, step: number): AttentionShapleyPair {
  const { dim, slots, alpha, beta } = params.config;
  const memory = alpha === 0 ? new Int32Array(0) : memoryBefore(items, step, slots);
  const K = memory.length;
  const q = params.item.subarray(items[step] * dim, (items[step] + 1) * dim);
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const mo = memory[k] * dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += params.item[mo + d] * q[d];
    w[k] = dot;
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, beta * w[k]);
  const z = Float64Array.from(w, (x) => Math.exp(beta * x - max));
  const s = z.reduce((a, b) => a + b, 0);
  for (let k = 0; k < K; k++) z[k] /= s;
  return { attention: z, shapley: shapleyValues(w, w, alpha, beta) };
}
