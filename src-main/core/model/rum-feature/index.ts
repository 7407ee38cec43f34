// Feature-level RUM (Chen et al., WSDM 2018; docs/model.md, "Feature-level RUM") as a registry
// entry: the forward maths of forward.ts, the full-catalogue scorer and ranking (score.ts), the
// training of train.ts (the BPTT kernel, kernel.ts) and the explanation maths (explain.ts).
import { tableRows, type ModelSpec } from '../model';
import { memoryAfter, readCandidate } from './forward';
import { rumFeatureMeta } from './meta';
import { rankAllUsersTf } from './rank-tf';
import { keyAttentionTable, rankAllUsersJs, scoreAllItems, timelineScores } from './score';
import { startFeatureTraining } from './train';
import { slotNames, writeHistory } from './explain';
import { featureStepReader } from './step-read';
import { featureParams, featureWeights } from './weights';

export { rumFeatureMeta } from './meta';

export const rumFeature: ModelSpec = {
  ...rumFeatureMeta,
  // The memory is a recurrent state: it is the result of every purchase so far.
  historyLength: () => Infinity,
  explainAt: (weights, user, items) => featureStepReader(weights, user, items),
  // Every step writes (padding aside, which a user's timeline has none of); alpha = 0 writes nothing.
  latentWrites: (weights, items) => {
    const h = writeHistory(featureParams(weights), items);
    return { slots: h.slots, z: h.z, erased: h.erased, added: h.added };
  },
  latentSlotItems: (weights) => slotNames(featureParams(weights), 3).map((s) => Array.from(s.items)),
  score: (weights, user, history, out) => scoreAllItems(featureParams(weights), user, history, out),
  // The memory is latent, not a list of items: `memory` holds the slot indices 0..K-1 and
  // `attention` the candidate's z over them (softmax of beta q_i . f_k; it sums to 1 when K > 0).
  attention: (weights, user, history, item) => {
    const p = featureParams(weights);
    const read = readCandidate(p, user, memoryAfter(p, history), item);
    return { memory: Int32Array.from({ length: p.config.slots }, (_, k) => k), attention: read.attention };
  },
  exportJson: (weights) => {
    const p = featureParams(weights);
    const D = p.config.dim;
    return {
      formula:
        'logit = p*_u . q_i + alpha * sum_k z_k (m_k . q_i), z = softmax_k(beta * q_i . f_k); ' +
        'memory M (K x D) starts at 0 and after each purchase v: z = softmax_k(beta * q_v . f_k), ' +
        'e = sigmoid(E^T q_v + b_e), a = tanh(A^T q_v + b_a), m_k <- m_k * (1 - z_k e) + z_k a; ' +
        'E[j][d] multiplies q_j into e_d (likewise A); score = sigmoid(logit)',
      itemEmbeddings: tableRows(p.item, D),
      userEmbeddings: tableRows(p.user, D),
      featureKeys: tableRows(p.keys, D),
      eraseMatrix: tableRows(p.erase, D),
      eraseBias: Array.from(p.eraseBias),
      addMatrix: tableRows(p.add, D),
      addBias: Array.from(p.addBias),
      initialMemory: 'zeros',
    };
  },
  importJson: (file, config) => {
    const { dim: D, slots: K, alpha, beta } = config;
    return featureWeights(rumFeatureMeta.kind, {
      config: { dim: D, slots: K, alpha, beta },
      nItems: file.nItems,
      nUsers: file.nUsers,
      item: file.table('itemEmbeddings', 'item', file.nItems, D),
      user: file.table('userEmbeddings', 'user', file.nUsers, D),
      keys: file.table('featureKeys', null, K, D),
      erase: file.table('eraseMatrix', null, D, D),
      eraseBias: file.vector('eraseBias', null, D),
      add: file.table('addMatrix', null, D, D),
      addBias: file.vector('addBias', null, D),
    });
  },
  rank: (weights) => {
    const p = featureParams(weights);
    // The user-independent half of the read, once for every user this ranking serves.
    let Z: Float64Array | undefined;
    return (users, memories, excluded, n) => rankAllUsersJs(p, users, memories, excluded, n, (Z ??= keyAttentionTable(p)));
  },
  rankTf: (weights) => {
    const p = featureParams(weights);
    let Z: Float64Array | undefined;
    return (users, memories, excluded, n) => rankAllUsersTf(p, users, memories, excluded, n, (Z ??= keyAttentionTable(p)));
  },
  // Walking a timeline carries the memory from step to step (one write a step).
  timelineScorer: (weights, user, items) => timelineScores(featureParams(weights), user, items),
  startTraining: (split, config, context) => startFeatureTraining(rumFeatureMeta.kind, split, config, context),
};

