// The paper's baselines (Table 2). BPR-MF and FPMC are item-level RUM with parts switched off and
// the pairwise BPR loss of their papers: BPR-MF reads no memory (alpha 0), FPMC's prediction is
// RUM's with one slot and alpha 1. MostPopular ranks by training counts and trains nothing.
import type { ModelSpec } from '../model';
import { rumItem } from '../rum-item';

export const bpr: ModelSpec = { ...rumItem, kind: 'bpr', title: 'BPR-MF', fixes: { alpha: 0, slots: 0 }, loss: 'bpr' };

export const fpmc: ModelSpec = { ...rumItem, kind: 'fpmc', title: 'FPMC', fixes: { alpha: 1, slots: 1 }, loss: 'bpr' };

const noMemory = { memory: new Int32Array(0), attention: new Float64Array(0) };

export const pop: ModelSpec = {
  kind: 'pop',
  title: 'MostPopular',
  fixes: {},
  loss: null,
  explains: false,
  score: (weights, _user, _history, out) => {
    if (weights.kind !== 'pop') throw new Error(`MostPopular scores from counts, got ${weights.kind} weights`);
    const result = out ?? new Float32Array(weights.counts.length);
    result.set(weights.counts);
    return result;
  },
  attention: () => noMemory,
  trainStep: () => {
    throw new Error('MostPopular has no training step: its model is the training counts');
  },
};
