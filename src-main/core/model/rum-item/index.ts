// Item-level RUM (Chen et al., WSDM 2018) as a registry entry: the forward maths of forward.ts,
// the full-catalogue scorer (score.ts), the batched tfjs ranking (rank.ts) and the training of
// train.ts (the fused kernel, kernel.ts). `rumFamily` builds the entry for a kind that is RUM
// with settings fixed by its meta, which is what the baselines bpr and fpmc are.
import type { ModelMeta } from '../meta';
import { tableRows, type ModelSpec } from '../model';
import { rumItemForward } from './forward';
import { itemColumnsOf } from './item-columns';
import { rumStepReader } from './step-scores';
import { PRUNED_BATCH_USERS, rankAllUsersPruned } from './rank-pruned';
import { rumItemMeta } from './meta';
import { scoreAllItems } from './score';
import { rumHelperSlices, startRumTraining } from './train';
import { rumParams, rumWeights } from './weights';

export function rumFamily(meta: ModelMeta & { loss: 'bce' | 'bpr' }): ModelSpec {
  const { loss } = meta;
  const explainAt: NonNullable<ModelSpec['explainAt']> = (weights, user, items) => rumStepReader(rumParams(weights), user, items, itemColumnsOf(weights));
  return {
    ...meta,
    historyLength: (weights) => rumParams(weights).config.slots,
    score: (weights, user, history, out) => scoreAllItems(rumParams(weights), user, history, out),
    explainAt,
    // Walking a timeline shares the memory's columns between steps, as explanations do.
    timelineScorer: (weights, user, items) => {
      const read = explainAt(weights, user, items);
      return (t, out) => {
        out.set(read(t).scores.logit);
        return out;
      };
    },
    attention: (weights, user, history, item) => {
      const f = rumItemForward(rumParams(weights), user, history, item);
      return { memory: f.memoryItems, attention: f.attention };
    },
    exportJson: (weights) => {
      const p = rumParams(weights);
      return {
        formula: 'logit = p*_u . q_i + alpha * sum_k z_k (m_k . q_i), z = softmax_k(beta * q_i . m_k), m_k = q of the k-th of the last K purchases; score = sigmoid(logit)',
        itemEmbeddings: tableRows(p.item, p.config.dim),
        userEmbeddings: tableRows(p.user, p.config.dim),
      };
    },
    importJson: (file, config) => {
      const { dim, slots, alpha, beta } = config;
      return rumWeights(meta.kind, {
        config: { dim, slots, alpha, beta },
        nItems: file.nItems,
        nUsers: file.nUsers,
        item: file.table('itemEmbeddings', 'item', file.nItems, dim),
        user: file.table('userEmbeddings', 'user', file.nUsers, dim),
      });
    },
    // Both rank by bound and score in full only the items that can still enter the top n
    // (rank-pruned.ts): the same lists as scoring every item (rankAllUsersJs), several times sooner.
    rank: (weights) => {
      const params = rumParams(weights);
      return (users, memories, excluded, n) => rankAllUsersPruned(params, users, memories, excluded, n, PRUNED_BATCH_USERS, undefined, 'js');
    },
    rankTf: (weights) => {
      const params = rumParams(weights);
      return (users, memories, excluded, n) => rankAllUsersPruned(params, users, memories, excluded, n);
    },
    startTraining: (split, config, context) => startRumTraining(meta.kind, loss, split, config, context),
    helperSlices: (shared) => rumHelperSlices(loss, shared),
  };
}


export const rumItem: ModelSpec = rumFamily(rumItemMeta);
