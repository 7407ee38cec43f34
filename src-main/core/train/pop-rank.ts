import { topN } from '../eval/top-n';
import type { RankFn } from './protocol';

/** MostPopular: the same list for everyone, minus what each user already bought. */
export function popularityRank(counts: Float32Array): RankFn {
  return (users, _memories, excluded, n) =>
    Array.from(users, (_, j) => {
      const skip = new Uint8Array(counts.length);
      for (const i of excluded[j]) skip[i] = 1;
      return topN(counts, n, skip);
    });
}
