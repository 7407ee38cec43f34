// MostPopular: its whole model is how often each item was bought in the users' training parts.
import type { Split } from '../../dataset/split';
import { popularityRank } from '../../train/pop-rank';
import { tensorOf, type ModelSpec, type Weights } from '../model';
import { popMeta } from './meta';

/** Item counts over every user's training part. */
export function popularity(split: Split): Float32Array {
  const counts = new Float32Array(split.itemOf.length);
  for (const s of split.sequences) for (let t = 0; t < s.trainLength; t++) counts[s.items[t]]++;
  return counts;
}

export function popWeights(counts: Float32Array): Weights {
  return { kind: 'pop', config: {}, tensors: { counts: { shape: [counts.length], data: counts } } };
}

const noMemory = { memory: new Int32Array(0), attention: new Float64Array(0) };

export const pop: ModelSpec = {
  ...popMeta,
  historyLength: () => 0,
  score: (weights, _user, _history, out) => {
    const counts = tensorOf(weights, 'counts');
    const result = out ?? new Float32Array(counts.length);
    result.set(counts);
    return result;
  },
  attention: () => noMemory,
  exportJson: (weights) => ({ itemPopularity: Array.from(tensorOf(weights, 'counts')) }),
  importJson: (file) => popWeights(file.vector('itemPopularity', 'item', file.nItems)),
  rank: (weights) => popularityRank(tensorOf(weights, 'counts')),
  fit: (split) => popWeights(popularity(split)),
};
