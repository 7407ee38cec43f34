// SASRec (Kang and McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018) as a registry
// entry: the plain-JS forward of forward.ts scores, ranks and attends (no tfjs needed there);
// train.ts trains it with tfjs autodiff over tf.ts's batched definition of the same maths.
import { topN } from '../../eval/top-n';
import { tableRows, type ModelSpec, type Weights } from '../model';
import { sasrecForward, scoreFromForward } from './forward';
import { sasrecLeaveOutReader } from './leave-out';
import { sasrecMeta } from './meta';
import { BLOCKS, MAX_LENGTH, paramShapes, sasrecParams, sasrecWeights, validateSasrecConfig } from './params';
import { startSasrecTraining } from './train';


function exportSasrec(weights: Weights): Record<string, unknown> {
  const params = sasrecParams(weights);
  const tensors: Record<string, { shape: number[]; values: number[] | number[][] }> = {};
  for (const [name, shape] of paramShapes(params.config, params.nItems)) {
    const data = params.p[name];
    tensors[name] = { shape, values: shape.length === 2 ? tableRows(data, shape[1]) : Array.from(data) };
  }
  return {
    formula:
      'window = the last L purchases, most recent at position L-1; x_k = q_{s_k} + P_{L-n+k}; per block b: ' +
      'a = LN1(x); S = softmax(a Wq (a Wk)^T / sqrt(d), position k reads k\' <= k only) (a Wv); x = x + S; ' +
      'x = x + ReLU(LN2(x) W1 + b1) W2 + b2; h = LNfinal(x) at the last position; logit_i = h . q_i; score = sigmoid(logit). ' +
      'LN(x) = (x - mean) / sqrt(var + 1e-6) * gamma + beta; matrices act on row vectors (y = x W, stored [in, out]).',
    tensors,
  };
}

export const sasrec: ModelSpec = {
  ...sasrecMeta,
  historyLength: (weights) => sasrecParams(weights).config.maxLength,
  score: (weights, _user, history, out) => {
    const params = sasrecParams(weights);
    return scoreFromForward(params, sasrecForward(params, history), out);
  },
  // SASRec's attention does not depend on the candidate: it is the last position's reading of
  // the window in the last block, the representation every item is scored against.
  attention: (weights, _user, history) => {
    const f = sasrecForward(sasrecParams(weights), history);
    return { memory: f.items, attention: f.attention };
  },
  leaveOutAt: (weights, _user, items) => sasrecLeaveOutReader(sasrecParams(weights), items),
  exportJson: exportSasrec,
  importJson: (file, config) => {
    // The window and depth are the architecture's, in the file's config next to dim.
    const arch = { dim: config.dim, maxLength: file.setting('maxLength', MAX_LENGTH), blocks: file.setting('blocks', BLOCKS) };
    validateSasrecConfig(arch);
    const p: Record<string, Float32Array> = {};
    for (const [name, shape] of paramShapes(arch, file.nItems)) {
      const path = ['tensors', name, 'values'];
      p[name] = shape.length === 2 ? file.table(path, name === 'item' ? 'item' : null, shape[0], shape[1]) : file.vector(path, null, shape[0]);
    }
    return sasrecWeights({ config: arch, nItems: file.nItems, p });
  },
  rank: (weights) => {
    const params = sasrecParams(weights);
    return (users, memories, excluded, n) => {
      const scores = new Float32Array(params.nItems);
      const mask = new Uint8Array(params.nItems);
      return Array.from(users, (_, j) => {
        scoreFromForward(params, sasrecForward(params, memories[j]), scores);
        for (const i of excluded[j]) mask[i] = 1;
        const top = topN(scores, n, mask);
        for (const i of excluded[j]) mask[i] = 0;
        return top;
      });
    };
  },
  startTraining: startSasrecTraining,
};
