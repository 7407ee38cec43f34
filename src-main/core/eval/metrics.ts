// Ranking metrics of docs/protocol.md "Metrics" (paper §5.1), per user then averaged.
//
// Choices the paper leaves open, made here:
// - T_u is the set of DISTINCT test items. A repeated purchase in the test period cannot be
//   "hit" twice by a list of distinct recommendations, so counting it twice would only lower
//   recall and IDCG's reachable maximum for no reason.
// - Every metric, F1 included, is computed per user and then averaged over users (the spec's
//   "F1 per user, then averaged"), not derived from the averaged P and R.
// - The denominator of P@N is N even when fewer than N items could be recommended, as the
//   formula says; a duplicate in the recommended list counts as a hit only once.
// - Users with no test items have no defined recall or NDCG; they are skipped, not counted.

export interface RankingMetrics {
  /** P@N, a fraction (not %). */
  precision: number;
  recall: number;
  f1: number;
  /** 1 if the list has at least one hit; averaged it is the share of users with a hit. */
  hr: number;
  ndcg: number;
}

const ZERO: RankingMetrics = { precision: 0, recall: 0, f1: 0, hr: 0, ndcg: 0 };

/** Metrics for one user's top-n list against their test items; only the first n recommendations count. */
export function userMetrics(recommended: ArrayLike<number>, testItems: ArrayLike<number>, n: number): RankingMetrics {
  const truth = new Set<number>();
  for (let k = 0; k < testItems.length; k++) truth.add(testItems[k]);
  if (truth.size === 0 || n <= 0) return { ...ZERO };

  const found = new Set<number>();
  let dcg = 0;
  const depth = Math.min(n, recommended.length);
  for (let j = 0; j < depth; j++) {
    const item = recommended[j];
    if (truth.has(item) && !found.has(item)) {
      found.add(item);
      dcg += 1 / Math.log2(j + 2); // rank j+1 (from 1) discounts by log2(rank + 1)
    }
  }
  const hits = found.size;
  let idcg = 0;
  for (let j = 0, ideal = Math.min(truth.size, n); j < ideal; j++) idcg += 1 / Math.log2(j + 2);

  const precision = hits / n;
  const recall = hits / truth.size;
  return {
    precision,
    recall,
    f1: hits === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    hr: hits > 0 ? 1 : 0,
    ndcg: dcg / idcg,
  };
}

/** Averages userMetrics over the test users of one evaluation run. */
export class MetricAccumulator {
  private users = 0;
  private readonly sum: RankingMetrics = { ...ZERO };

  constructor(private readonly n: number) {}

  add(recommended: ArrayLike<number>, testItems: ArrayLike<number>): void {
    if (testItems.length === 0) return;
    const m = userMetrics(recommended, testItems, this.n);
    this.sum.precision += m.precision;
    this.sum.recall += m.recall;
    this.sum.f1 += m.f1;
    this.sum.hr += m.hr;
    this.sum.ndcg += m.ndcg;
    this.users++;
  }

  /** With no users every metric is 0; `users` tells that case apart from a genuinely bad model. */
  result(): { metrics: RankingMetrics; users: number } {
    const d = this.users || 1;
    const s = this.sum;
    return {
      metrics: { precision: s.precision / d, recall: s.recall / d, f1: s.f1 / d, hr: s.hr / d, ndcg: s.ndcg / d },
      users: this.users,
    };
  }
}
