import type { ModelMeta } from '../meta';

/** Item-level RUM (Chen et al., WSDM 2018): every setting is its own. */
export const rumItemMeta = {
  kind: 'rum-item',
  title: 'RUM (item)',
  summary: 'item-level RUM: a memory of the last K purchases, read by attention',
  settings: {},
  loss: 'bce',
  attends: 'purchases',
  explains: true,
  tfjsGradients: true,
} as const satisfies ModelMeta;
