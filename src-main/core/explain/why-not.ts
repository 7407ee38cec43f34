// "Why not this item?" in numbers: how far a candidate's logit is from the N-th recommendation's,
// and, slot by slot, how much more alike that purchase would have to be to the candidate for
// the memory alone to close the gap (docs/explanations.md, "Why not").
import type { ScoredItem } from './explain-step';

export interface WhyNotSlot {
  slot: number;
  /** m_k . q_c today (in item-level RUM also the attention's affinity). */
  dot: number;
  /**
   * The smallest m_k . q_c (>= today's) at which the candidate's logit reaches the N-th
   * recommendation's, this slot's dot changed alone (its attention re-taken with it), every other
   * slot and every other item's logit as they are. Null when the gap is closed already or no
   * dot reaches it.
   */
  dotNeeded: number | null;
}

export interface WhyNotGap {
  /** The N-th (last) recommendation: the logit a candidate must reach to enter the top N. */
  target: { item: number; rank: number; logit: number } | null;
  /** target logit - candidate logit (> 0: the candidate is below the top N by this much); null without a target. */
  gap: number | null;
  /** The memory part the candidate would need (its memory part + gap), all else as it is. */
  memoryNeeded: number | null;
  slots: WhyNotSlot[];
}

/** The candidate's memory part with slot k's dot set to x (w = d, softmax re-taken), others as they are. */
export function memoryWithDot(dots: readonly number[], k: number, x: number, alpha: number, beta: number): number {
  let max = -Infinity;
  for (let j = 0; j < dots.length; j++) max = Math.max(max, beta * (j === k ? x : dots[j]));
  let s = 0;
  let f = 0;
  for (let j = 0; j < dots.length; j++) {
    const d = j === k ? x : dots[j];
    const e = Math.exp(beta * d - max);
    s += e;
    f += e * d;
  }
  return (alpha * f) / s;
}

/**
 * The smallest x >= dots[k] with memoryWithDot(x) >= need, or null. As a function of x the memory
 * part falls then rises (its derivative's sign is that of B(1 + beta(x - A/B)) + e^(beta x), which
 * grows with x for beta >= 0), so the x at or past today's where it first reaches `need` is found
 * by doubling a step until it does, then bisecting.
 */
function dotNeededFor(dots: readonly number[], k: number, need: number, alpha: number, beta: number): number | null {
  if (!(alpha > 0) || beta < 0) return null;
  const from = dots[k];
  if (memoryWithDot(dots, k, from, alpha, beta) >= need) return from;
  let step = Math.max(1, Math.abs(need) / alpha);
  let hi = from + step;
  for (let i = 0; memoryWithDot(dots, k, hi, alpha, beta) < need; i++) {
    if (i > 60 || !Number.isFinite(hi)) return null;
    step *= 2;
    hi = from + step;
  }
  // Below hi the function may dip and rise again; the first crossing is the smallest x, and
  // between today's x (below need) and hi (at or above) bisection finds a crossing. With one
  // minimum and f(from) < need, the set where f >= need past from is [x*, inf): one crossing.
  let lo = from;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = lo + (hi - lo) / 2;
    if (memoryWithDot(dots, k, mid, alpha, beta) >= need) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The why-not gap of an explained candidate against the N-th recommendation (`target`, null when
 * nothing is recommended). `dots` are the candidate's m_k . q_c in slot order.
 */
export function whyNotGap(candidate: ScoredItem, target: WhyNotGap['target'], alpha: number, beta: number, dots?: readonly number[]): WhyNotGap {
  // A logit without parts (SASRec) has no dot per slot to move: only the gap itself is known.
  if (!candidate.additive) {
    const gap = target === null ? null : target.logit - candidate.logit;
    return { target, gap, memoryNeeded: target === null ? null : target.logit - candidate.intrinsic, slots: [] };
  }
  const d = dots ?? candidate.slots.map((s) => s.dot ?? NaN);
  if (target === null) return { target, gap: null, memoryNeeded: null, slots: candidate.slots.map((s, k) => ({ slot: s.slot, dot: d[k], dotNeeded: null })) };
  const gap = target.logit - candidate.logit;
  // logit = intrinsic + memory, so reaching the target logit is reaching this memory part.
  const memoryNeeded = target.logit - candidate.intrinsic;
  // A bought item is never recommended, and one at or above the target needs nothing.
  const open = gap > 0 && !candidate.alreadyBought;
  // Feature-level RUM: a slot's attention comes from its fixed key, not from the dot, so the memory
  // part is linear in one slot's dot: it moves by alpha z_k per unit.
  const keyed = candidate.slots.some((s) => s.key !== s.dot);
  const needed = (k: number): number | null => {
    if (!keyed) return dotNeededFor(d, k, memoryNeeded, alpha, beta);
    const slope = alpha * candidate.slots[k].attention;
    return slope > 0 ? d[k] + (memoryNeeded - candidate.memory) / slope : null;
  };
  return {
    target,
    gap,
    memoryNeeded,
    slots: candidate.slots.map((s, k) => ({ slot: s.slot, dot: d[k], dotNeeded: open ? needed(k) : null })),
  };
}
