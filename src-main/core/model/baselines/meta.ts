// The paper's baselines (Table 2), as the settings and the UI see them. BPR-MF and FPMC are
// item-level RUM with parts switched off (docs/model.md, "Baselines"): BPR-MF reads no memory
// (alpha 0, K 0), FPMC's prediction is RUM's with one slot and alpha 1; with at most one slot the
// attention is 1 whatever beta is, so neither uses beta. MostPopular counts purchases and trains nothing.
import type { ModelMeta } from '../meta';

export const popMeta = {
  kind: 'pop',
  title: 'MostPopular',
  summary: 'the most bought items of the training part, the same list for everyone',
  // It still uses the split (minUserEvents, trainPercent), validation (validationPercent,
  // validationUsers, seed for their sample) and n.
  settings: {
    dim: 'unused',
    slots: 'unused',
    alpha: 'unused',
    beta: 'unused',
    epochs: 'unused',
    lr: 'unused',
    l2: 'unused',
    negatives: 'unused',
    batchSize: 'unused',
    patience: 'unused',
    initScale: 'unused',
    threads: 'unused',
  },
  loss: null,
  attends: 'none',
  explains: false,
  tfjsGradients: false,
} as const satisfies ModelMeta;

export const bprMeta = {
  kind: 'bpr',
  title: 'BPR-MF',
  summary: 'matrix factorisation with the pairwise BPR loss (RUM with no memory)',
  settings: { slots: 0, alpha: 0, beta: 'unused' },
  loss: 'bpr',
  attends: 'none',
  explains: true,
  tfjsGradients: false,
} as const satisfies ModelMeta;

export const fpmcMeta = {
  kind: 'fpmc',
  title: 'FPMC',
  summary: 'factorised personalised Markov chain: the last purchase only, BPR loss',
  settings: { slots: 1, alpha: 1, beta: 'unused' },
  loss: 'bpr',
  attends: 'purchases',
  explains: true,
  tfjsGradients: false,
} as const satisfies ModelMeta;
