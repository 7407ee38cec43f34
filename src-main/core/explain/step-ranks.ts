// The rank of the item actually bought at each step of a user's timeline, and the per-user
// hit rate and NDCG those ranks give. Any model kind: every item is scored once per step with the
// kind's own scorer (ModelSpec.score), which is O(steps x catalogue x its per-item cost). That is
// the price of an exact rank; callers that need many users (the user list) rank test steps only.
import type { ModelSpec, Weights } from '../model/model';
import { boughtBefore, rankOf } from './ranks-of';

/** The scorer and history length of a model, as the registry hands them out. */
export type StepScorer = Pick<ModelSpec, 'score' | 'historyLength' | 'timelineScorer'>;

/**
 * Ranks (1-based) of items[t] at steps t in [from, to): among the items not bought before step t
 * (the explanation's convention, core/explain/ranks-of.ts: the bought item itself always
 * counts, ties go to the lower index). 0 for steps outside [from, to).
 */
export function stepRanks(
  spec: StepScorer,
  weights: Weights,
  user: number,
  items: Int32Array,
  nItems: number,
  from = 0,
  to = items.length,
  /** Called before each step: background ranking lets interactive work go first here (jobs/work/interactive.ts). */
  between?: () => void,
): Int32Array {
  const ranks = new Int32Array(items.length);
  const H = spec.historyLength(weights);
  const excluded = boughtBefore(items, from, nItems);
  const out = new Float32Array(nItems);
  // A kind that can walk a timeline sharing work between steps does (RUM: one new column a step).
  const walk = spec.timelineScorer?.(weights, user, items);
  for (let t = from; t < to; t++) {
    between?.();
    // The scorer reads only the last H purchases: hand it just those (no copy, a view).
    const history = items.subarray(Number.isFinite(H) ? Math.max(0, t - H) : 0, t);
    const logits = walk ? walk(t, out) : spec.score(weights, user, history, out);
    ranks[t] = rankOf(logits, items[t], excluded);
    excluded[items[t]] = 1;
  }
  return ranks;
}

/** HR@N and NDCG@N over a set of steps: the share of steps ranked in the top N, and the mean 1/log2(rank + 1) of those. */
export interface StepMetrics {
  steps: number;
  hits: number;
  hr: number;
  ndcg: number;
}

/**
 * Metrics over ranks[from, to): each step is one "leave-one-out" query with a single relevant item,
 * so HR@N = hits / steps and NDCG@N = mean over steps of 1/log2(rank + 1) when rank <= N, else 0
 * (the ideal DCG of one relevant item is 1). No steps: zeros, with `steps` 0 to tell the case apart.
 */
export function stepMetrics(ranks: ArrayLike<number>, n: number, from = 0, to = ranks.length): StepMetrics {
  let hits = 0;
  let dcg = 0;
  for (let t = from; t < to; t++) {
    const r = ranks[t];
    if (r >= 1 && r <= n) {
      hits++;
      dcg += 1 / Math.log2(r + 1);
    }
  }
  const steps = Math.max(0, to - from);
  return { steps, hits, hr: steps ? hits / steps : 0, ndcg: steps ? dcg / steps : 0 };
}
