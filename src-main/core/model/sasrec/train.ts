// How SASRec trains: each user's fitting part is cut into windows of at most L targets (from the
// end, so every purchase after the first is a target once per epoch); every position of a window
// predicts the next purchase against `negatives` sampled items (the paper's loss, eq. 9), in
// batches of windows. tfjs autodiff (tf.valueAndGrads over tf.ts's loss) gives the gradients on
// whatever backend is loaded; the parameters stay Float32Arrays here and a dense Adam (the
// paper's optimiser, beta2 = 0.98) updates them in JS, so the plain-JS forward, the store and the
// trainer's snapshots read them without copies, and no tfjs variable outlives a batch.
import type * as Tf from '@tensorflow/tfjs';
import type { Split } from '../../dataset/split';
import type { Rng } from '../../random';
import type { TrainConfig } from '../../train/config';
import { boughtBefore } from '../../train/examples';
import { cloneWeights, type Training, type TrainingContext } from '../model';
import { tfjs } from '../tfjs';
import { BLOCKS, initSasrecParams, MAX_LENGTH, paramShapes, sasrecWeights, type SasrecParams } from './params';
import { attentionBias, denseNames, dropoutSites, sasrecLossTf, type DenseTensors } from './tf';

/** Dropout rate in training (the paper's 0.2 for its sparse Amazon sets); none when scoring. */
export const DROPOUT = 0.2;
/** Adam's decay rates as the paper sets them (beta2 = 0.98), and its epsilon. */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.98;
const ADAM_EPS = 1e-8;

/**
 * Training windows of a split: window w covers the targets items[start, end) of user `user`,
 * read from the inputs items[start - 1, end - 1). Cut from each user's fitting end backwards in
 * steps of L, so a long history gives several full windows and its oldest one is the short one.
 */
export interface Windows {
  user: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Target positions over all windows: the examples of an epoch. */
  targets: number;
}

export function trainingWindows(split: Split, fitEnd: Int32Array, L: number): Windows {
  const user: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let targets = 0;
  split.sequences.forEach((_, u) => {
    // The first purchase has nothing before it, so it is an input only, never a target.
    for (let e = fitEnd[u]; e > 1; e -= L) {
      const s = Math.max(1, e - L);
      user.push(u);
      start.push(s);
      end.push(e);
      targets += e - s;
    }
  });
  return { user: Int32Array.from(user), start: Int32Array.from(start), end: Int32Array.from(end), targets };
}

function contains(sorted: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return true;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Dense Adam over every parameter (rows a batch did not touch still move by their moments, as in TF's Adam). */
class Adam {
  private readonly m: Record<string, Float32Array> = {};
  private readonly v: Record<string, Float32Array> = {};
  private steps = 0;

  constructor(
    private readonly params: SasrecParams,
    private readonly lr: number,
  ) {
    for (const [name, a] of Object.entries(params.p)) {
      this.m[name] = new Float32Array(a.length);
      this.v[name] = new Float32Array(a.length);
    }
  }

  apply(grads: Record<string, Float32Array>): void {
    this.steps++;
    const c1 = 1 - ADAM_BETA1 ** this.steps;
    const c2 = 1 - ADAM_BETA2 ** this.steps;
    const step = this.lr / c1;
    for (const [name, g] of Object.entries(grads)) {
      const p = this.params.p[name];
      const m = this.m[name];
      const v = this.v[name];
      for (let i = 0; i < p.length; i++) {
        const gi = g[i];
        m[i] = ADAM_BETA1 * m[i] + (1 - ADAM_BETA1) * gi;
        v[i] = ADAM_BETA2 * v[i] + (1 - ADAM_BETA2) * gi * gi;
        p[i] -= (step * m[i]) / (Math.sqrt(v[i] / c2) + ADAM_EPS);
      }
    }
  }
}

/** What one batch step needs besides the parameters; exported for tests that drive steps themselves. */
export interface SasrecStepper {
  readonly windows: Windows;
  readonly windowsPerBatch: number;
  /**
   * Loss (mean over the batch's (position, candidate) pairs), target count and gradients of every
   * tensor (by name; buffers reused by the next call) for windows order[from, to); draws the
   * negatives and dropout seeds from `rng`.
   */
  lossAndGradients(order: Int32Array, from: number, to: number, rng: Rng, dropout?: number): { loss: number; targets: number; grads: Record<string, Float32Array> };
  /** The same, then one Adam step on the parameters. */
  step(order: Int32Array, from: number, to: number, rng: Rng, dropout?: number): { loss: number; targets: number };
}

export function sasrecStepper(split: Split, fitEnd: Int32Array, config: TrainConfig, params: SasrecParams): SasrecStepper {
  const { dim: D, maxLength: L } = params.config;
  const N = params.nItems;
  const C = 1 + config.negatives;
  const windows = trainingWindows(split, fitEnd, L);
  // config.batchSize counts examples (target positions), as for RUM: a batch holds that many
  // windows' worth of L positions, at least one window.
  const windowsPerBatch = Math.max(1, Math.floor(config.batchSize / L));
  // Negatives avoid everything bought in training (validation part included), as ExampleSampler does.
  const bought = split.sequences.map((s) => boughtBefore(s.items, s.trainLength));
  const maxRows = windowsPerBatch * L;
  const inputs = new Float32Array(maxRows * D);
  const inputIds = new Int32Array(maxRows).fill(-1);
  const cands = new Float32Array(maxRows * C * D);
  const candIds = new Int32Array(maxRows * C);
  const mask = new Float32Array(maxRows);
  const starts = new Int32Array(windowsPerBatch);
  const grads: Record<string, Float32Array> = {};
  for (const [name, a] of Object.entries(params.p)) grads[name] = new Float32Array(a.length);
  const shapes = new Map(paramShapes(params.config, N));
  const dense = denseNames(params.config);
  const adam = new Adam(params, config.lr);

  const lossAndGradients = (order: Int32Array, from: number, to: number, rng: Rng, dropout = DROPOUT) => {
    const tf = tfjs();
    const Wb = to - from;
    let T = 0;
    for (let j = from; j < to; j++) T = Math.max(T, windows.end[order[j]] - windows.start[order[j]]);
    // Fill the batch, left-padded to T positions.
    inputs.fill(0, 0, Wb * T * D);
    cands.fill(0, 0, Wb * T * C * D);
    mask.fill(0, 0, Wb * T);
    inputIds.fill(-1, 0, Wb * T);
    let targets = 0;
    for (let w = 0; w < Wb; w++) {
      const win = order[from + w];
      const u = windows.user[win];
      const items = split.sequences[u].items;
      const n = windows.end[win] - windows.start[win];
      starts[w] = T - n;
      targets += n;
      for (let k = 0; k < n; k++) {
        const r = w * T + T - n + k;
        const target = windows.start[win] + k;
        const input = items[target - 1];
        inputIds[r] = input;
        mask[r] = 1;
        inputs.set(params.p.item.subarray(input * D, (input + 1) * D), r * D);
        for (let c = 0; c < C; c++) {
          let item = items[target];
          if (c > 0) {
            item = rng.int(N);
            // Rejection sampling; a user who bought nearly everything falls back to any item.
            for (let tries = 0; tries < 100 && contains(bought[u], item); tries++) item = rng.int(N);
          }
          candIds[r * C + c] = item;
          cands.set(params.p.item.subarray(item * D, (item + 1) * D), (r * C + c) * D);
        }
      }
    }
    const seeds = Array.from({ length: dropoutSites(params.config) }, () => rng.int(2 ** 31));
    const bias = attentionBias(starts, Wb, T);

    let loss = 0;
    let gradData: Float32Array[] = [];
    tf.tidy(() => {
      // Leaves: the dense parameters (position: only the window's last T rows), then the item rows.
      const leaves: Tf.Tensor[] = dense.map((name) =>
        name === 'position'
          ? tf.tensor2d(params.p.position.subarray((L - T) * D), [T, D])
          : tf.tensor(params.p[name], shapes.get(name)),
      );
      leaves.push(tf.tensor3d(inputs.subarray(0, Wb * T * D), [Wb, T, D]), tf.tensor4d(cands.subarray(0, Wb * T * C * D), [Wb, T, C, D]));
      const maskT = tf.tensor2d(mask.subarray(0, Wb * T), [Wb, T]);
      const biasT = tf.tensor3d(bias, [Wb, T, T]);
      const f = (...args: Tf.Tensor[]) => {
        const named: DenseTensors = {};
        dense.forEach((name, i) => (named[name] = args[i]));
        const batch = { inputs: args[dense.length] as Tf.Tensor3D, mask: maskT, attentionBias: biasT };
        return sasrecLossTf(params.config, named, batch, args[dense.length + 1] as Tf.Tensor4D, config.l2, { dropout, seeds });
      };
      const { value, grads: gs } = tf.valueAndGrads(f)(leaves);
      loss = value.dataSync()[0];
      gradData = gs.map((g) => g.dataSync() as Float32Array);
    });

    // Gradients into the tables: dense ones as they are, item rows added back where they were read.
    for (const g of Object.values(grads)) g.fill(0);
    dense.forEach((name, i) => {
      if (name === 'position') grads.position.set(gradData[i], (L - T) * D);
      else grads[name].set(gradData[i]);
    });
    const gIn = gradData[dense.length];
    const gCand = gradData[dense.length + 1];
    const gItem = grads.item;
    for (let r = 0; r < Wb * T; r++) {
      if (mask[r] === 0) continue;
      const io = inputIds[r] * D;
      for (let d = 0; d < D; d++) gItem[io + d] += gIn[r * D + d];
      for (let c = 0; c < C; c++) {
        const co = candIds[r * C + c] * D;
        const go = (r * C + c) * D;
        for (let d = 0; d < D; d++) gItem[co + d] += gCand[go + d];
      }
    }
    return { loss, targets, grads };
  };
  const step = (order: Int32Array, from: number, to: number, rng: Rng, dropout = DROPOUT) => {
    const { loss, targets } = lossAndGradients(order, from, to, rng, dropout);
    adam.apply(grads);
    return { loss, targets };
  };
  return { windows, windowsPerBatch, lossAndGradients, step };
}

/** Batches per bucket: windows are sorted by length within a bucket of this many batches' worth. */
const BUCKET_BATCHES = 16;

/**
 * An epoch's window order: shuffled, then sorted by length within buckets of BUCKET_BATCHES
 * batches, and the batches shuffled again. A batch is padded to its longest window, and most
 * windows are much shorter than L (the median Amazon user has ~20 purchases), so similar lengths
 * per batch cut the padded work about in half; which windows share a batch stays random.
 */
export function epochOrder(windows: Windows, windowsPerBatch: number, rng: Rng): Int32Array {
  const n = windows.user.length;
  const order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const length = (w: number) => windows.end[w] - windows.start[w];
  const bucket = BUCKET_BATCHES * windowsPerBatch;
  for (let from = 0; from < n; from += bucket) order.subarray(from, Math.min(n, from + bucket)).sort((a, b) => length(a) - length(b) || a - b);
  const batches = rng.shuffle(Int32Array.from({ length: Math.ceil(n / windowsPerBatch) }, (_, i) => i));
  const out = new Int32Array(n);
  let at = 0;
  for (const b of batches) {
    const part = order.subarray(b * windowsPerBatch, Math.min(n, (b + 1) * windowsPerBatch));
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** SASRec's training on the effective settings `config` (trainer.ts drives it epoch by epoch). */
export function startSasrecTraining(split: Split, config: TrainConfig, context: TrainingContext): Training {
  const { fitEnd, rng } = context;
  // Fail here, before any epoch, when no backend runs (a caller's bug: initBackend first).
  tfjs();
  const params = initSasrecParams({ dim: config.dim, maxLength: MAX_LENGTH, blocks: BLOCKS }, split.itemOf.length, rng, config.initScale);
  const stepper = sasrecStepper(split, fitEnd, config, params);
  const { windows, windowsPerBatch } = stepper;
  const nWindows = windows.user.length;
  let order: Int32Array = new Int32Array(0);
  return {
    examples: windows.targets,
    batches: Math.ceil(nWindows / windowsPerBatch),
    beginEpoch() {
      order = epochOrder(windows, windowsPerBatch, rng);
    },
    trainBatch(b) {
      const from = b * windowsPerBatch;
      const to = Math.min(nWindows, from + windowsPerBatch);
      const { loss, targets } = stepper.step(order, from, to, rng);
      return { lossSum: loss * targets, examples: targets };
    },
    endEpoch: () => 0,
    current: () => sasrecWeights(params),
    snapshot: () => cloneWeights(sasrecWeights(params)),
    close: () => undefined,
  };
}
