// Per-user ranking metrics on the test part, for paired tests between models (bench/compare.ts,
// Wilcoxon over users). The figures come from the project's own protocol run, evaluateSplit, not
// a copy of it: the ranking function is wrapped to keep each user's top-n list, and each list is
// scored with the same userMetrics the accumulator averages, in the same user order. So the mean
// of the per-user figures is the Evaluation's mean exactly (per-user-metrics.test.ts).
import type { RankingMetrics } from '../core/eval/metrics';
import { userMetrics } from '../core/eval/metrics';
import { modelSpec } from '../core/model/registry';
import type { Split } from '../core/dataset/split';
import { evaluateSplit, type Evaluation, type RankFn } from '../core/train/protocol';
import { initBackend } from './backend';
import type { LoadedModel } from './loaded-model';
import { rankerFor } from './ranker';

export interface PerUserEvaluation {
  /** The protocol's own result (means), as evaluateSplit returns it. */
  evaluation: Evaluation;
  /** Split user index of each evaluated user (users with no test items are left out, as in the mean). */
  users: Int32Array;
  /** Each user's metrics, in the order of `users`. */
  perUser: RankingMetrics[];
}

/** evaluateSplit on the test part, keeping each user's figures. */
export function perUserTestMetrics(split: Split, rank: RankFn, n: number, slots: number): PerUserEvaluation {
  const tops = new Map<number, Int32Array>();
  const keep: RankFn = (users, memories, excluded, m) => {
    const top = rank(users, memories, excluded, m);
    users.forEach((u, j) => tops.set(u, top[j]));
    return top;
  };
  const evaluation = evaluateSplit(split, keep, n, slots, 'test');
  const users: number[] = [];
  const perUser: RankingMetrics[] = [];
  for (const s of split.sequences) {
    const test = s.items.subarray(s.trainLength);
    if (test.length === 0) continue; // as MetricAccumulator.add skips them
    users.push(s.user);
    perUser.push(userMetrics(tops.get(s.user)!, test, n));
  }
  return { evaluation, users: Int32Array.from(users), perUser };
}

/** Per-user test metrics of a stored model, ranked as evaluateModel ranks it. */
export async function perUserModelMetrics(model: LoadedModel, n: number): Promise<PerUserEvaluation> {
  await initBackend();
  const w = model.arrays.weights;
  return perUserTestMetrics(model.split, rankerFor(w), n, modelSpec(w.kind).historyLength(w));
}

/** The plain mean of per-user figures, summed in order (the accumulator's arithmetic). */
export function meanMetrics(perUser: readonly RankingMetrics[]): RankingMetrics {
  const s: RankingMetrics = { precision: 0, recall: 0, f1: 0, hr: 0, ndcg: 0 };
  for (const m of perUser) {
    s.precision += m.precision;
    s.recall += m.recall;
    s.f1 += m.f1;
    s.hr += m.hr;
    s.ndcg += m.ndcg;
  }
  const d = perUser.length || 1;
  return { precision: s.precision / d, recall: s.recall / d, f1: s.f1 / d, hr: s.hr / d, ndcg: s.ndcg / d };
}
