// Item-level RUM (Chen et al., WSDM 2018) as a registry entry: the forward maths of forward.ts,
// the full-catalogue scorer, and the fused training kernel.
import { rumParams, type ModelSpec } from '../model';
import { scoreAllItems } from './score';
import { trainBatch } from './kernel';
import { rumItemForward } from './forward';

export const rumItem: ModelSpec = {
  kind: 'rum-item',
  title: 'RUM item-level',
  fixes: {},
  loss: 'bce',
  explains: true,
  score: (weights, user, history, out) => scoreAllItems(rumParams(weights), user, history, out),
  attention: (weights, user, history, item) => {
    const f = rumItemForward(rumParams(weights), user, history, item);
    return { memory: f.memoryItems, attention: f.attention };
  },
  trainStep: (weights, batch, optimiser, l2, scratch) => trainBatch(rumParams(weights), batch, optimiser, l2, scratch),
};
