import type { ModelMeta } from '../meta';

/**
 * Feature-level RUM (Chen et al., WSDM 2018, §3.3; RUM-SPEC.md "Feature-level RUM"): a key-value
 * memory over K latent features, written after each purchase with erase and add vectors. `slots`
 * is the number of latent features K. One training thread: its training has no helper
 * (helperSlices), since the shared-table helper is written for the RUM family's two tables.
 * `explains` stays false until the explanation views read this kind's tables (core/explain and
 * engine/explain-service.ts read item-level RUM's; they would take this kind's `item` and `user`
 * tensors for item-level ones). Its own explanation maths is in explain.ts.
 */
export const rumFeatureMeta = {
  kind: 'rum-feature',
  title: 'Feature-level RUM',
  summary: 'feature-level RUM: a per-user key-value memory over K latent features, written with erase and add after each purchase',
  settings: { threads: 1 },
  loss: 'bce',
  attends: 'latent',
  explains: false,
  tfjsGradients: false,
} as const satisfies ModelMeta;
