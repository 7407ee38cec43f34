import type { ModelMeta } from '../meta';

/**
 * SASRec (Kang and McAuley, ICDM 2018): causal self-attention over the last L purchases. It has
 * no memory slots and no RUM merge, so slots, alpha and beta mean nothing to it; its training
 * runs on tfjs on one thread (no helper tables), so threads is fixed to 1.
 */
export const sasrecMeta = {
  kind: 'sasrec',
  title: 'SASRec',
  summary: 'self-attentive sequential recommendation: causal self-attention over the last 50 purchases',
  settings: { slots: 'unused', alpha: 'unused', beta: 'unused', threads: 1 },
  loss: 'bce',
  // Its last position's attention over the window's purchases (index.ts `attention`).
  attends: 'purchases',
  // Through ModelSpec.leaveOutAt (leave-out.ts): its attention and each purchase left out, no shares.
  explains: true,
  tfjsGradients: true,
} as const satisfies ModelMeta;
