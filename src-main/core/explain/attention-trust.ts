// How far a model's attention can be trusted as an explanation (docs/explanations.md): over many
// explained steps, does the slot the attention favours match the slot whose Shapley value (its
// exact, order-averaged contribution to the logit, shapley.ts) is largest, and how alike are the
// two rankings of the slots?

/** One explained step: the attention z over its filled slots and their Shapley values, same order. */
export interface AttentionShapleyPair {
  attention: ArrayLike<number>;
  shapley: ArrayLike<number>;
}

export interface AttentionTrustOptions {
  /**
   * What "largest Shapley value" ranks by. 'value' (the default, the wording): the signed
   * value, so the top slot is the one that raised the logit most, the purchase an analyst reads
   * as the reason. 'magnitude': |value|, the slot that moved the logit most either way. Attention
   * is never negative, so it ranks the same under both.
   */
  by?: 'value' | 'magnitude';
  /**
   * Two numbers of one vector count as tied when they differ by at most this much times the
   * vector's largest |entry|. The same item bought twice fills two slots with equal attention, but
   * their Shapley values come out of different sums and may differ in the last bits; without a
   * tolerance that rounding would decide top-1 agreement and tau.
   */
  relativeTolerance?: number;
}

export interface AttentionTrust {
  /** Steps given. */
  steps: number;
  /** Steps with at least two slots, the ones compared (one slot or none says nothing). */
  compared: number;
  /**
   * Share of the compared steps where the slot with the most attention is a slot with the largest
   * Shapley value (ties within the tolerance: agreement when the two sets of top slots meet).
   * Null when no step was compared.
   */
  top1Agreement: number | null;
  /** Mean Kendall's tau-b between attention and Shapley over the steps where it is defined. */
  meanKendallTau: number | null;
  /**
   * Steps in that mean: the compared steps less those where every slot ties in attention or in
   * Shapley value (beta = 0, or all slots alike), where tau-b is 0/0.
   */
  tauSteps: number;
}

const DEFAULT_TOLERANCE = 1e-12;

function scaleOf(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/**
 * Kendall's tau-b of two equally long vectors: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2))
 * with n0 = n(n-1)/2 pairs, n1 and n2 the pairs tied in x and in y (a pair tied in both counts in
 * both). Pairs within `relativeTolerance` of each vector's largest |entry| are ties. NaN when
 * either vector is all ties (fewer than two entries included). O(n^2), n being a memory's slots.
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>, relativeTolerance = DEFAULT_TOLERANCE): number {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`kendallTauB needs vectors of one length, got ${n} and ${y.length}`);
  const tx = relativeTolerance * scaleOf(x);
  const ty = relativeTolerance * scaleOf(y);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = x[i] - x[j];
      const dy = y[i] - y[j];
      const tieX = Math.abs(dx) <= tx;
      const tieY = Math.abs(dy) <= ty;
      if (tieX) tiesX++;
      if (tieY) tiesY++;
      if (tieX || tieY) continue;
      if (dx > 0 === dy > 0) concordant++;
      else discordant++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  return denominator === 0 ? Number.NaN : (concordant - discordant) / denominator;
}

/** Indices holding the largest entry, ties within `tol` of it included. */
function topSet(x: ArrayLike<number>, tol: number): number[] {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) max = Math.max(max, x[i]);
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (max - x[i] <= tol) out.push(i);
  return out;
}

/**
 * Top-1 agreement and mean Kendall's tau-b between attention and Shapley values over explained
 * steps (one pair per explained step and item; the caller chooses which item, e.g. the purchase
 * made at the step, and which steps, e.g. all of a model's users or a stated sample).
 */
export function attentionTrust(pairs: Iterable<AttentionShapleyPair>, options: AttentionTrustOptions = {}): AttentionTrust {
  const by = options.by ?? 'value';
  const rel = options.relativeTolerance ?? DEFAULT_TOLERANCE;
  let steps = 0;
  let compared = 0;
  let agree = 0;
  let tauSteps = 0;
  let tauSum = 0;
  for (const { attention, shapley } of pairs) {
    steps++;
    const K = attention.length;
    if (shapley.length !== K) throw new RangeError(`step ${steps - 1}: ${K} attention weights but ${shapley.length} Shapley values`);
    if (K < 2) continue;
    for (let k = 0; k < K; k++) {
      if (!Number.isFinite(attention[k]) || !Number.isFinite(shapley[k])) throw new RangeError(`step ${steps - 1}: non-finite value at slot ${k}`);
    }
    const phi = by === 'magnitude' ? Array.from(shapley, Math.abs) : shapley;
    compared++;
    const topAttention = topSet(attention, rel * scaleOf(attention));
    const topShapley = new Set(topSet(phi, rel * scaleOf(phi)));
    if (topAttention.some((k) => topShapley.has(k))) agree++;
    const tau = kendallTauB(attention, phi, rel);
    if (!Number.isNaN(tau)) {
      tauSteps++;
      tauSum += tau;
    }
  }
  return {
    steps,
    compared,
    top1Agreement: compared === 0 ? null : agree / compared,
    meanKendallTau: tauSteps === 0 ? null : tauSum / tauSteps,
    tauSteps,
  };
}
