// SASRec batched on tfjs: the training loss (whose gradients tfjs autodiff takes) and the
// forward it is made of, over a batch of windows. forward.ts is the same maths in plain JS for one
// window; forward.test.ts holds the two equal.
//
// Item embeddings enter as rows copied out of the table in JS (one leaf per use: the inputs
// [W,T,d] and the scored candidates [W,T,C,d]), never as tf.gather on the whole table: the wasm
// backend has no kernel for gather's gradient (UnsortedSegmentSum; docs/architecture.md), and
// rum-item/tf.ts works the same way. train.ts adds the rows' gradients back into the table.
import type * as tf from '@tensorflow/tfjs';
import { tfjs } from '../tfjs';
import { BLOCK_PARTS, blockName, LN_EPS, type BlockPart, type SasrecConfig } from './params';

// A masked key's score: exp() of it underflows to exactly 0 next to any real key; finite, so a
// padding query (all keys masked) gets a uniform row instead of NaN (its output is masked anyway).
const MASKED = -1e9;

/** The dense parameters as tensors: `position` holds the rows of the window's last T positions. */
export type DenseTensors = Record<string, tf.Tensor>;

/** A batch of W windows of T positions (left-padded), as tensors. */
export interface WindowBatch {
  /** [W,T,d]: q of the input purchase at each position (0 rows at padding). */
  inputs: tf.Tensor3D;
  /** [W,T]: 1 at real positions, 0 at padding. */
  mask: tf.Tensor2D;
  /** [W,T,T]: 0 where query t may read key s (s <= t, s real), MASKED elsewhere. */
  attentionBias: tf.Tensor3D;
}

/** The [W,T,T] additive attention mask of windows whose real positions start at `starts[w]`. */
export function attentionBias(starts: ArrayLike<number>, W: number, T: number): Float32Array {
  const out = new Float32Array(W * T * T).fill(MASKED);
  for (let w = 0; w < W; w++) for (let t = starts[w]; t < T; t++) for (let s = starts[w]; s <= t; s++) out[(w * T + t) * T + s] = 0;
  return out;
}

function layerNormTf(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const t = tfjs();
  const { mean, variance } = t.moments(x, -1, true);
  return t.add(t.mul(t.div(t.sub(x, mean), t.sqrt(t.add(variance, LN_EPS))), gamma), beta);
}

/** x [W,T,d] times W [d,d]. */
function dense(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const t = tfjs();
  const [W, T, D] = x.shape;
  return t.reshape(t.matMul(t.reshape(x, [W * T, D]), w as tf.Tensor2D), [W, T, w.shape[1]!]);
}

export interface ForwardOptions {
  /** Dropout rate for training (0 = none, as at scoring time). */
  dropout: number;
  /** One seed per dropout site, drawn by the caller from the run's Rng, so a seed reproduces a run. */
  seeds?: number[];
}

/** Dropout sites per forward: the embedding, then each block's attention and FFN outputs. */
export const dropoutSites = (config: SasrecConfig): number => 1 + 2 * config.blocks;

/**
 * Final representations [W,T,d] (zero at padding) and the last block's attention [W,T,T].
 * The paper's block g'(x) = x + Dropout(g(LayerNorm(x))), with dropout also on the embedding sum.
 */
export function sasrecForwardTf(
  config: SasrecConfig,
  params: DenseTensors,
  batch: WindowBatch,
  options: ForwardOptions = { dropout: 0 },
): { outputs: tf.Tensor3D; attention: tf.Tensor3D } {
  const t = tfjs();
  const { dim: D, blocks } = config;
  const mask3 = t.expandDims(batch.mask, 2);
  let site = 0;
  const drop = (x: tf.Tensor): tf.Tensor => {
    const seed = options.seeds?.[site++];
    return options.dropout > 0 ? t.dropout(x, options.dropout, undefined, seed) : x;
  };
  const part = (b: number, name: BlockPart) => params[blockName(b, name)];
  let x: tf.Tensor = t.mul(drop(t.add(batch.inputs, params.position)), mask3);
  let attention: tf.Tensor = t.zeros([0]);
  for (let b = 0; b < blocks; b++) {
    const a = layerNormTf(x, part(b, 'ln1.gamma'), part(b, 'ln1.beta'));
    const q = dense(a, part(b, 'wq'));
    const k = dense(a, part(b, 'wk'));
    const v = dense(a, part(b, 'wv'));
    const scores = t.add(t.mul(t.matMul(q as tf.Tensor3D, k as tf.Tensor3D, false, true), 1 / Math.sqrt(D)), batch.attentionBias);
    attention = t.softmax(scores);
    // Padding queries read garbage (uniform over masked keys); the mask zeroes them, as the authors' code does.
    x = t.mul(t.add(x, drop(t.matMul(attention as tf.Tensor3D, v as tf.Tensor3D))), mask3);
    const f = layerNormTf(x, part(b, 'ln2.gamma'), part(b, 'ln2.beta'));
    const ffn = t.add(dense(t.relu(t.add(dense(f, part(b, 'ffn.w1')), part(b, 'ffn.b1'))), part(b, 'ffn.w2')), part(b, 'ffn.b2'));
    x = t.mul(t.add(x, drop(ffn)), mask3);
  }
  const outputs = t.mul(layerNormTf(x, params['final.gamma'], params['final.beta']), mask3) as tf.Tensor3D;
  return { outputs, attention: attention as tf.Tensor3D };
}

/**
 * The training loss: BCE with logits over every real position's candidates (the positive first,
 * then the sampled negatives), plus l2 times the squared norm of every item-embedding row read
 * (inputs and candidates, per use: the authors' l2 on the embedding), all over the number of
 * (position, candidate) pairs, the convention of rum-item's kernel.
 */
export function sasrecLossTf(
  config: SasrecConfig,
  params: DenseTensors,
  batch: WindowBatch,
  candidates: tf.Tensor4D,
  l2: number,
  options: ForwardOptions,
): tf.Scalar {
  const t = tfjs();
  const { outputs } = sasrecForwardTf(config, params, batch, options);
  const [W, T, C] = candidates.shape;
  const logits = t.sum(t.mul(t.expandDims(outputs, 2), candidates), 3); // [W,T,C]
  // softplus(l) - y l, y = 1 for the first candidate only.
  const labels = t.concat([t.ones([W, T, 1]), t.zeros([W, T, C - 1])], 2);
  const bce = t.sub(t.softplus(logits), t.mul(labels, logits));
  const mask3 = t.expandDims(batch.mask, 2);
  const bceSum = t.sum(t.mul(bce, mask3));
  const reg = t.add(t.sum(t.mul(t.square(batch.inputs), mask3)), t.sum(t.mul(t.sum(t.square(candidates), 3), mask3)));
  const pairs = t.mul(t.sum(batch.mask), C);
  return t.div(t.add(bceSum, t.mul(reg, l2)), t.maximum(pairs, 1)) as tf.Scalar;
}

/** The dense parameter names, in paramShapes' order without `item`. */
export function denseNames(config: SasrecConfig): string[] {
  const names = ['position'];
  for (let b = 0; b < config.blocks; b++) for (const p of BLOCK_PARTS) names.push(blockName(b, p));
  names.push('final.gamma', 'final.beta');
  return names;
}
