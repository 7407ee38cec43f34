// SASRec's forward pass in plain JS (float64 arithmetic over the float32 tables), for one window
// of purchases: what score, rank and attention run, with no tfjs. tf.ts is the same maths batched
// on tfjs for training; forward.test.ts holds the two equal.
//
// The window is left-aligned to the end, as in the authors' code: with n <= L purchases, purchase
// k (oldest first) sits at position L - n + k, so the most recent one always gets the last
// positional embedding. Padding positions are not computed at all: they are masked out of every
// attention's keys, so no real position can read them.
//
// Each block is the paper's pre-LN form g'(x) = x + g(LayerNorm(x)) (dropout is training-only):
//   attention  S = softmax(Q K^T / sqrt(d) + causal mask) V,  Q, K, V = LN1(x) W^Q, W^K, W^V
//   FFN        F = ReLU(LN2(x) W1 + b1) W2 + b2
// and a final layer norm gives the representation h_t that scores item i by h_t . q_i.
import { memoryBefore, checkRow } from '../memory';
import { blockName, LN_EPS, type SasrecParams } from './params';

export interface SasrecForward {
  /** The purchases read (the last L real ones, oldest first). */
  items: Int32Array;
  /** Final representation of every position, [n, d] row-major (position k = items[k]). */
  outputs: Float64Array;
  /** The last block's attention of the last position over `items` (sums to 1; empty when n = 0). */
  attention: Float64Array;
}

/** The last L real purchases of `history` (negative = padding), range-checked. */
export function windowOf(params: SasrecParams, history: ArrayLike<number>): Int32Array {
  const items = memoryBefore(history, history.length, params.config.maxLength);
  for (const i of items) checkRow(i, params.nItems, 'history item');
  return items;
}

/** x W for every row of x ([n, d]) with W [d, d] row-major; into out. */
function matmul(x: Float64Array, n: number, W: Float32Array, D: number, out: Float64Array): void {
  out.fill(0, 0, n * D);
  for (let r = 0; r < n; r++) {
    const xo = r * D;
    for (let i = 0; i < D; i++) {
      const xi = x[xo + i];
      if (xi === 0) continue;
      const wo = i * D;
      for (let j = 0; j < D; j++) out[xo + j] += xi * W[wo + j];
    }
  }
}

function layerNorm(x: Float64Array, n: number, D: number, gamma: Float32Array, beta: Float32Array, out: Float64Array): void {
  for (let r = 0; r < n; r++) {
    const o = r * D;
    let mean = 0;
    for (let d = 0; d < D; d++) mean += x[o + d];
    mean /= D;
    let v = 0;
    for (let d = 0; d < D; d++) v += (x[o + d] - mean) ** 2;
    const inv = 1 / Math.sqrt(v / D + LN_EPS);
    for (let d = 0; d < D; d++) out[o + d] = (x[o + d] - mean) * inv * gamma[d] + beta[d];
  }
}

/** The forward pass over the window `items` (already cut to at most L, oldest first). */
export function sasrecForwardWindow(params: SasrecParams, items: Int32Array): SasrecForward {
  const { dim: D, maxLength: L, blocks } = params.config;
  const { p } = params;
  const n = items.length;
  if (n > L) throw new Error(`a window holds at most ${L} purchases, got ${n}`);
  const x = new Float64Array(n * D);
  const a = new Float64Array(n * D);
  const q = new Float64Array(n * D);
  const k = new Float64Array(n * D);
  const v = new Float64Array(n * D);
  const h = new Float64Array(n * D);
  const z = new Float64Array(n);
  const attention = new Float64Array(n);
  const scale = 1 / Math.sqrt(D);
  for (let r = 0; r < n; r++) {
    const io = items[r] * D;
    const po = (L - n + r) * D;
    for (let d = 0; d < D; d++) x[r * D + d] = p.item[io + d] + p.position[po + d];
  }
  for (let b = 0; b < blocks; b++) {
    layerNorm(x, n, D, p[blockName(b, 'ln1.gamma')], p[blockName(b, 'ln1.beta')], a);
    matmul(a, n, p[blockName(b, 'wq')], D, q);
    matmul(a, n, p[blockName(b, 'wk')], D, k);
    matmul(a, n, p[blockName(b, 'wv')], D, v);
    // Causal attention: query i reads keys j <= i only. K and V were computed from the block's
    // input before the loop, so adding the residual into x in place changes nothing they read.
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += q[i * D + d] * k[j * D + d];
        z[j] = s * scale;
        if (z[j] > max) max = z[j];
      }
      let sum = 0;
      for (let j = 0; j <= i; j++) sum += z[j] = Math.exp(z[j] - max);
      for (let j = 0; j <= i; j++) z[j] /= sum;
      if (b === blocks - 1 && i === n - 1) attention.set(z.subarray(0, n));
      for (let j = 0; j <= i; j++) for (let d = 0; d < D; d++) x[i * D + d] += z[j] * v[j * D + d];
    }
    // Point-wise FFN with its residual.
    layerNorm(x, n, D, p[blockName(b, 'ln2.gamma')], p[blockName(b, 'ln2.beta')], a);
    matmul(a, n, p[blockName(b, 'ffn.w1')], D, h);
    const b1 = p[blockName(b, 'ffn.b1')];
    for (let r = 0; r < n; r++) for (let d = 0; d < D; d++) h[r * D + d] = Math.max(0, h[r * D + d] + b1[d]);
    matmul(h, n, p[blockName(b, 'ffn.w2')], D, a);
    const b2 = p[blockName(b, 'ffn.b2')];
    for (let r = 0; r < n; r++) for (let d = 0; d < D; d++) x[r * D + d] += a[r * D + d] + b2[d];
  }
  const outputs = new Float64Array(n * D);
  layerNorm(x, n, D, p['final.gamma'], p['final.beta'], outputs);
  return { items, outputs, attention };
}

/** The forward pass after `history` (oldest first, negative = padding): its last L real purchases. */
export function sasrecForward(params: SasrecParams, history: ArrayLike<number>): SasrecForward {
  return sasrecForwardWindow(params, windowOf(params, history));
}

/**
 * Every item's logit h . q_i, h = the last position's representation; all 0 after an empty history
 * (SASRec has no user embedding, so nothing tells items apart then).
 */
export function scoreFromForward(params: SasrecParams, f: SasrecForward, out?: Float32Array): Float32Array {
  const D = params.config.dim;
  const N = params.nItems;
  if (out && out.length < N) throw new Error(`out has ${out.length} entries, need ${N}`);
  const result = out ?? new Float32Array(N);
  const n = f.items.length;
  if (n === 0) {
    result.fill(0, 0, N);
    return result;
  }
  const h = f.outputs.subarray((n - 1) * D, n * D);
  const Q = params.p.item;
  for (let i = 0; i < N; i++) {
    const o = i * D;
    let s = 0;
    for (let d = 0; d < D; d++) s += h[d] * Q[o + d];
    result[i] = s;
  }
  return result;
}
