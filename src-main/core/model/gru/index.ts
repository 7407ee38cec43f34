// DREAM (Yu et al., SIGIR 2016) as a registry entry, the paper's "DREAM (GRU)" baseline: a GRU
// over the purchases (kernel.ts), scored by the last state's inner product with every item
// (score.ts; on tfjs rank-tf.ts), trained with BPR (train.ts). It has no memory slots, so nothing
// to attend.
import { tableRows, type ModelSpec } from '../model';
import { gruMeta } from './meta';
import { GATE_NAMES, gateLayout } from './params';
import { rankAllUsersTf } from './rank-tf';
import { rankAllUsers, scoreAllItems, timelineScores } from './score';
import { startGruTraining } from './train';
import { gruParams, gruWeights } from './weights';

export { gruMeta } from './meta';

const noMemory = () => ({ memory: new Int32Array(0), attention: new Float64Array(0) });

export const gru: ModelSpec = {
  ...gruMeta,
  // A recurrent state: the result of every purchase so far.
  historyLength: () => Infinity,
  score: (weights, _user, history, out) => scoreAllItems(gruParams(weights), history, out),
  timelineScorer: (weights, _user, items) => timelineScores(gruParams(weights), items),
  attention: noMemory,
  exportJson: (weights) => {
    const p = gruParams(weights);
    const D = p.dim;
    const { W, U, b } = gateLayout(D);
    const gates: Record<string, number[][] | number[]> = {};
    GATE_NAMES.forEach((g, k) => {
      gates[`W${g}`] = tableRows(p.gates.subarray(W + k * D * D, W + (k + 1) * D * D), D);
      gates[`U${g}`] = tableRows(p.gates.subarray(U + k * D * D, U + (k + 1) * D * D), D);
      gates[`b${g}`] = Array.from(p.gates.subarray(b + k * D, b + (k + 1) * D));
    });
    return {
      formula:
        'h_0 = 0; after each purchase v (oldest first), with x = q_v: z = sigmoid(Wz x + Uz h + bz), ' +
        'r = sigmoid(Wr x + Ur h + br), n = tanh(Wh x + Uh (r * h) + bh), h <- z * h + (1 - z) * n; ' +
        'score of item i = h . q_i (q = itemEmbeddings, also the GRU input); row j of W* and U* is output unit j',
      itemEmbeddings: tableRows(p.item, D),
      ...gates,
    };
  },
  importJson: (file, config) => {
    const D = config.dim;
    const { W, U, b, size } = gateLayout(D);
    const gates = new Float32Array(size);
    GATE_NAMES.forEach((g, k) => {
      gates.set(file.table(`W${g}`, null, D, D), W + k * D * D);
      gates.set(file.table(`U${g}`, null, D, D), U + k * D * D);
      gates.set(file.vector(`b${g}`, null, D), b + k * D);
    });
    return gruWeights({ dim: D, nItems: file.nItems, item: file.table('itemEmbeddings', 'item', file.nItems, D), gates });
  },
  rank: (weights) => rankAllUsers(gruParams(weights)),
  rankTf: (weights) => rankAllUsersTf(gruParams(weights)),
  startTraining: startGruTraining,
};

