import type { ModelMeta } from '../meta';

/**
 * DREAM (Yu et al., SIGIR 2016), the paper's Table 2 "DREAM (GRU)" baseline: a GRU over the user's
 * purchases, scored by inner product with the item embeddings and trained with BPR. The
 * workbench's purchases are single items, so DREAM's basket pooling is the item embedding itself.
 * The state starts at h_0 = 0 and there are no user parameters (DREAM has none): a user is their
 * purchases.
 * No memory slots and no attention (slots, alpha, beta unused; explains false). One training
 * thread: the shared-table helper is written for the RUM family's tables. Gradients are
 * hand-written (kernel.ts), so tfjsGradients is false.
 */
export const gruMeta = {
  kind: 'gru',
  title: 'GRU (DREAM)',
  summary: 'DREAM: a GRU over the purchase sequence, its last state dotted with each item embedding, BPR loss',
  settings: { slots: 'unused', alpha: 'unused', beta: 'unused', threads: 1 },
  loss: 'bpr',
  attends: 'none',
  explains: false,
  tfjsGradients: false,
} as const satisfies ModelMeta;
