import type { Split } from '../dataset/split';
import { MetricAccumulator, type RankingMetrics } from '../eval/metrics';
import { boughtBefore, memoryAt } from './examples';

/**
 * Ranks every item for a batch of users and returns each user's top-n, best first, never
 * returning an excluded item. The model (and backend) behind it is the caller's business.
 */
export type RankFn = (users: Int32Array, memories: Int32Array[], excluded: Int32Array[], n: number) => Int32Array[];

export interface Evaluation {
  metrics: RankingMetrics;
  users: number;
  n: number;
}

/**
 * The paper's protocol (docs/protocol.md, paper §5.1): for each user, rank all items not bought in the
 * history part, with the memory at the end of that part, against the purchases that follow.
 * For the test: history = the training part, targets = the test part. For validation:
 * history = the fitting part, targets = the held-out end of the training part.
 */
export function evaluateSplit(
  split: Split,
  rank: RankFn,
  n: number,
  slots: number,
  part: 'test' | { validationFitEnd: Int32Array },
  /** Evaluate only these users (split user indices); all by default. */
  only?: Int32Array,
  usersPerCall = 256,
): Evaluation {
  const acc = new MetricAccumulator(n);
  const seqs = only ? Array.from(only, (u) => split.sequences[u]) : split.sequences;
  for (let from = 0; from < seqs.length; from += usersPerCall) {
    const chunk = seqs.slice(from, from + usersPerCall);
    const ends = chunk.map((s) => (part === 'test' ? s.trainLength : part.validationFitEnd[s.user]));
    const targetsEnd = chunk.map((s) => (part === 'test' ? s.items.length : s.trainLength));
    const users = Int32Array.from(chunk, (s) => s.user);
    const memories = chunk.map((s, j) => memoryAt(s.items, ends[j], slots));
    const excluded = chunk.map((s, j) => boughtBefore(s.items, ends[j]));
    const top = rank(users, memories, excluded, n);
    chunk.forEach((s, j) => acc.add(top[j], s.items.subarray(ends[j], targetsEnd[j])));
  }
  const { metrics, users } = acc.result();
  return { metrics, users, n };
}
