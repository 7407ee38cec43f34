// Item-level RUM written with tfjs ops: the reference definition the fused kernel is tested
// against, and the batched forward that scoring can use. It works on rows gathered for a batch,
// never on whole tables, because tf.gather's gradient into a table fails on the wasm backend
// (docs/architecture.md). Loss convention: the same as kernel.ts (mean over the B*C
// (example, candidate) pairs, L2 per row occurrence divided by the same B*C).
import type * as tf from '@tensorflow/tfjs';
import { tfjs } from '../tfjs';
import type { RumItemConfig, RumItemParams } from './params';
import type { RumItemBatch, RowGradients, SparseGradients } from './kernel';

/** A batch's rows: user [B,D], candidates [B,C,D], memory [B,K,D] with mask [B,K] (1 = filled). */
export interface RumItemRows {
  user: tf.Tensor2D;
  candidates: tf.Tensor3D;
  memory: tf.Tensor3D;
  mask: tf.Tensor2D;
}

// Large enough that exp() underflows to 0 next to any real slot, finite so that a row with no
// filled slot gives a uniform softmax (later zeroed by the mask) instead of NaN from -Infinity.
const MASKED = -1e9;

/** Logits [B,C] and attention [B,C,K] (zero on padding, and everywhere when L = 0). */
export function rumItemForwardTf(config: RumItemConfig, rows: RumItemRows): { logits: tf.Tensor2D; attention: tf.Tensor3D } {
  const tf = tfjs();
  return tf.tidy(() => {
    const { user, candidates, memory, mask } = rows;
    const intrinsic = tf.sum(tf.mul(tf.expandDims(user, 1), candidates), 2) as tf.Tensor2D;
    const [B, C] = intrinsic.shape;
    const K = memory.shape[1];
    if (config.alpha === 0 || K === 0) {
      return { logits: intrinsic, attention: tf.zeros([B, C, K]) as tf.Tensor3D };
    }
    const w = tf.matMul(candidates, memory, false, true); // [B,C,K]: q_i . q_mk
    const mask3 = tf.expandDims(mask, 1); // [B,1,K]
    const s = tf.add(tf.mul(w, config.beta), tf.mul(tf.sub(1, mask3), MASKED));
    const z = tf.mul(tf.softmax(s), mask3) as tf.Tensor3D;
    const f = tf.sum(tf.mul(z, w), 2); // p^m . q_i
    const logits = tf.add(intrinsic, tf.mul(f, config.alpha)) as tf.Tensor2D;
    return { logits, attention: z };
  });
}

/** The training loss of kernel.ts as a scalar tensor. */
export function rumItemLossTf(config: RumItemConfig, rows: RumItemRows, labels: tf.Tensor2D, l2: number): tf.Scalar {
  const tf = tfjs();
  return tf.tidy(() => {
    const { logits } = rumItemForwardTf(config, rows);
    const [B, C] = logits.shape;
    // softplus(x) - y x is BCE with logits, stable for large |x|.
    const bce = tf.sum(tf.sub(tf.softplus(logits), tf.mul(labels, logits)));
    let reg: tf.Tensor = tf.add(tf.sum(tf.square(rows.user)), tf.sum(tf.square(rows.candidates)));
    if (config.alpha !== 0 && rows.memory.shape[1] > 0) {
      reg = tf.add(reg, tf.sum(tf.mul(tf.sum(tf.square(rows.memory), 2), rows.mask)));
    }
    const n = B * C;
    return tf.div(tf.add(bce, tf.mul(reg, l2)), n > 0 ? n : 1) as tf.Scalar;
  });
}

/** Copies the batch's rows out of the tables; padding slots get zero rows. */
export function gatherRumItemRows(params: RumItemParams, batch: RumItemBatch): RumItemRows {
  const tf = tfjs();
  const { dim: D, slots } = params.config;
  const B = batch.size;
  const C = batch.candidatesPerExample;
  const K = params.config.alpha === 0 ? 0 : slots;
  const user = new Float32Array(B * D);
  const cand = new Float32Array(B * C * D);
  const mem = new Float32Array(B * K * D);
  const mask = new Float32Array(B * K);
  for (let b = 0; b < B; b++) {
    user.set(params.user.subarray(batch.users[b] * D, (batch.users[b] + 1) * D), b * D);
    for (let c = 0; c < C; c++) {
      const i = batch.candidates[b * C + c];
      cand.set(params.item.subarray(i * D, (i + 1) * D), (b * C + c) * D);
    }
    const L = K === 0 ? 0 : batch.memoryLength[b];
    for (let k = 0; k < L; k++) {
      const m = batch.memory[b * slots + k];
      mem.set(params.item.subarray(m * D, (m + 1) * D), (b * K + k) * D);
      mask[b * K + k] = 1;
    }
  }
  return {
    user: tf.tensor2d(user, [B, D]),
    candidates: tf.tensor3d(cand, [B, C, D]),
    memory: tf.tensor3d(mem, [B, K, D]),
    mask: tf.tensor2d(mask, [B, K]),
  };
}

/**
 * Loss and per-row gradients by tfjs autodiff, in the kernel's format (rows in the same
 * first-seen order), so either path can feed a SparseOptimiser.
 */
export function lossAndGradientsTf(
  params: RumItemParams,
  batch: RumItemBatch,
  l2: number,
): { loss: number; grads: SparseGradients } {
  const tf = tfjs();
  const { dim: D, slots } = params.config;
  const B = batch.size;
  const C = batch.candidatesPerExample;
  const rows = gatherRumItemRows(params, batch);
  const K = rows.memory.shape[1];
  const labels = tf.tensor2d(batch.labels.subarray(0, B * C), [B, C]);
  const lossOf = (user: tf.Tensor, candidates: tf.Tensor, memory: tf.Tensor): tf.Scalar =>
    rumItemLossTf(
      params.config,
      { user: user as tf.Tensor2D, candidates: candidates as tf.Tensor3D, memory: memory as tf.Tensor3D, mask: rows.mask },
      labels,
      l2,
    );
  const loss = lossOf(rows.user, rows.candidates, rows.memory);
  // tf.grads refuses an input the loss does not depend on, and with no memory nothing reads it.
  const inputs = K === 0 ? [rows.user, rows.candidates] : [rows.user, rows.candidates, rows.memory];
  const gs = tf.grads((u, c, m) => lossOf(u, c, m ?? rows.memory))(inputs);
  const gu = gs[0].dataSync();
  const gc = gs[1].dataSync();
  const gm = K === 0 ? new Float32Array(0) : gs[2].dataSync();
  const lossValue = loss.dataSync()[0];
  tf.dispose([loss, ...gs, labels, rows.user, rows.candidates, rows.memory, rows.mask]);

  const user = new Scatter(D);
  const item = new Scatter(D);
  for (let b = 0; b < B; b++) {
    user.add(batch.users[b], gu, b * D);
    const L = K === 0 ? 0 : batch.memoryLength[b];
    // Memory before candidates: the kernel's first-seen order.
    for (let k = 0; k < L; k++) item.add(batch.memory[b * slots + k], gm, (b * K + k) * D);
    for (let c = 0; c < C; c++) item.add(batch.candidates[b * C + c], gc, (b * C + c) * D);
  }
  return { loss: lossValue, grads: { user: user.result(), item: item.result() } };
}

class Scatter {
  private readonly slot = new Map<number, number>();
  private readonly rows: number[] = [];
  private grad: number[] = [];

  constructor(private readonly dim: number) {}

  add(row: number, src: ArrayLike<number>, offset: number): void {
    let s = this.slot.get(row);
    if (s === undefined) {
      s = this.rows.length;
      this.slot.set(row, s);
      this.rows.push(row);
      for (let d = 0; d < this.dim; d++) this.grad.push(0);
    }
    for (let d = 0; d < this.dim; d++) this.grad[s * this.dim + d] += src[offset + d];
  }

  result(): RowGradients {
    return { count: this.rows.length, rows: Int32Array.from(this.rows), grad: Float64Array.from(this.grad) };
  }
}
