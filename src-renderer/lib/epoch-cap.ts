// A model that ran every epoch it was allowed with its best validation epoch at the very end was
// still improving when training stopped: its metrics understate it. The trainer stops early once
// validation NDCG has not improved for `patience` epochs, so reaching the cap alone says little;
// the best epoch among the last few says validation was still rising.

export interface CapInput {
  epochs: number;
  bestEpoch: number | null;
  config: { epochs: number };
  curve: { epoch: number; validation?: { ndcg?: number } }[];
}

/** The last epochs in which a best epoch counts as "still rising": 5, or a fifth of a short run. */
export const risingWindow = (cap: number): number => Math.max(1, Math.min(5, Math.ceil(cap / 5)));

/**
 * Why the model may have stopped too soon, or null: it ran to its epoch cap and its best
 * validation NDCG came in the last few epochs (checked on the stored curve, not just bestEpoch).
 */
export function capWarning(m: CapInput): string | null {
  const cap = m.config.epochs;
  if (!(cap > 0) || m.epochs < cap) return null;
  const scored = m.curve.filter((c) => typeof c.validation?.ndcg === 'number');
  if (scored.length < 2) return null;
  const best = scored.reduce((a, c) => (c.validation!.ndcg! > a.validation!.ndcg! ? c : a));
  const last = scored[scored.length - 1].epoch;
  if (last - best.epoch >= risingWindow(cap)) return null;
  return `Stopped at the ${cap}-epoch cap with validation NDCG still rising (best at epoch ${best.epoch}): more epochs may give a better model.`;
}
