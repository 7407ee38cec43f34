import type { ModelMeta } from '../meta';

/**
 * Feature-level RUM (Chen et al., WSDM 2018, §3.3; docs/model.md, "Feature-level RUM"): a key-value
 * memory over K latent features, written after each purchase with erase and add vectors. `slots`
 * is the number of latent features K. One training thread: its training has no helper
 * (helperSlices), since the shared-table helper is written for the RUM family's two tables.
 * It explains through ModelSpec.explainAt (step-read.ts: the latent slots as StepScores columns),
 * and its timeline is the purchases' writes over the features (latentWrites, explain.ts).
 */
export const rumFeatureMeta = {
  kind: 'rum-feature',
  title: 'Feature-level RUM',
  summary: 'feature-level RUM: a per-user key-value memory over K latent features, written with erase and add after each purchase',
  settings: { threads: 1 },
  loss: 'bce',
  attends: 'latent',
  explains: true,
  tfjsGradients: false,
} as const satisfies ModelMeta;
