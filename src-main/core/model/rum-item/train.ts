// How the RUM family (rum-item, and the baselines bpr and fpmc, which are RUM with parts switched
// off) trains: shuffled mini-batches of (user, memory, positive + sampled negatives) through the
// fused kernel with a sparse Adam (in JS, or on WebAssembly SIMD with gradients = 'wasm'), or
// through tfjs autodiff (same gradients) when asked. With threads = 2 a helper thread trains half
// of every epoch on the same tables: SharedArrayBuffers for the JS kernel, one shared
// WebAssembly.Memory for the wasm kernel. The epoch loop, validation and early stopping are the
// trainer's (core/train/trainer.ts).
import type { Split } from '../../dataset/split';
import type { Rng } from '../../random';
import type { TrainConfig } from '../../train/config';
import { ExampleSampler } from '../../train/examples';
import { cloneWeights, type SharedTraining, type Training, type TrainingContext } from '../model';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch, type AdamMoments, type LossKind, type RumItemBatch } from './kernel';
import { createWasmTables, WasmAdam, wasmHandleOf, WasmRumKernel } from './kernel-wasm';
import { initRumItemParams, type RumItemParams } from './params';
import { lossAndGradientsTf } from './tf';
import { rumWeights } from './weights';

/** A copy of some parameters whose tables live in SharedArrayBuffers. */
export function shareParams(p: RumItemParams): RumItemParams {
  const shared = (a: Float32Array) => {
    const out = new Float32Array(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  return { config: { ...p.config }, nUsers: p.nUsers, nItems: p.nItems, item: shared(p.item), user: shared(p.user) };
}

/** Zeroed Adam moments in SharedArrayBuffers, shaped like the tables of `p`. */
export function sharedMoments(p: RumItemParams): AdamMoments {
  const zeros = (n: number) => new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT));
  return { mUser: zeros(p.user.length), vUser: zeros(p.user.length), mItem: zeros(p.item.length), vItem: zeros(p.item.length) };
}

/** The batch size a thread trains with: the setting, or all the examples when there are fewer. */
function batchSizeOf(config: TrainConfig, sampler: ExampleSampler): number {
  return Math.min(config.batchSize, Math.max(1, sampler.size));
}

/**
 * What one training thread needs besides its sampler: its own batch and kernel scratch, and a step that
 * trains the batch over the tables `params` (shared with the other thread, with `moments` and
 * `adamSteps`, when there are two). `thread` (0 the trainer, 1 the helper) picks the wasm
 * kernel's scratch in the shared memory.
 */
function trainingParts(
  loss: LossKind,
  sampler: ExampleSampler,
  config: TrainConfig,
  params: RumItemParams,
  moments: AdamMoments | undefined,
  adamSteps: Int32Array | undefined,
  thread: number,
): { batchSize: number; batch: RumItemBatch; step: () => number } {
  const C = 1 + config.negatives;
  const batchSize = batchSizeOf(config, sampler);
  if (config.gradients === 'wasm') {
    // The sampler fills the kernel's own batch, views of its scratch: nothing is copied.
    const kernel = new WasmRumKernel(wasmHandleOf(params), thread, params.config, loss);
    const batch = kernel.ownBatch(C);
    const optimiser = new WasmAdam({ lr: config.lr, steps: adamSteps });
    return { batchSize, batch, step: () => kernel.trainBatch(batch, optimiser, config.l2) };
  }
  const batch = createRumItemBatch(batchSize, config.slots, C);
  const scratch = new RumItemScratch(params, batchSize, C, loss);
  const optimiser = new SparseAdam(params, { lr: config.lr, moments, steps: adamSteps });
  // Both paths compute the same gradients (kernel.test.ts holds them equal); the kernel is the
  // fast one, tfjs autodiff is kept to measure and cross-check it.
  const step =
    config.gradients === 'tfjs'
      ? () => {
          const { loss: value, grads } = lossAndGradientsTf(params, batch, config.l2);
          optimiser.apply(params, grads.user, grads.item);
          return value;
        }
      : () => trainBatch(params, batch, optimiser, config.l2, scratch);
  return { batchSize, batch, step };
}

/** Training for a RUM-family kind with loss `loss`, on the effective settings `config`. */
export function startRumTraining(kind: string, loss: LossKind, split: Split, config: TrainConfig, context: TrainingContext): Training {
  const { fitEnd, rng } = context;
  // Items are drawn before users, so the seed fixes both tables (params.ts).
  const initial = initRumItemParams(
    { dim: config.dim, slots: config.slots, alpha: config.alpha, beta: config.beta },
    split.sequences.length,
    split.itemOf.length,
    rng,
    config.initScale,
  );
  const sampler = new ExampleSampler(split, fitEnd, config.slots, config.negatives);
  const threaded = config.threads > 1;
  if (threaded && !context.epochHelper) throw new Error('threads > 1 needs an epochHelper hook (the host starts the thread)');
  let params: RumItemParams;
  let moments: AdamMoments | undefined;
  if (config.gradients === 'wasm') {
    // The tables, the moments and each thread's scratch in one shared memory, laid out once;
    // params and moments are views of it (carrying its handle, so the helper can instantiate the
    // kernel on the same memory).
    // The helper's sampler holds the same examples, so its batches are no larger.
    const tables = createWasmTables(initial, { threads: config.threads, maxBatch: batchSizeOf(config, sampler), maxCandidates: 1 + config.negatives });
    params = tables.params;
    moments = threaded ? tables.moments : undefined;
  } else {
    params = threaded ? shareParams(initial) : initial;
    moments = threaded ? sharedMoments(params) : undefined;
  }
  const adamSteps = threaded ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) : undefined;
  const { batchSize, batch, step } = trainingParts(loss, sampler, config, params, moments, adamSteps, 0);
  // With a helper, it trains order[0, mid) of each epoch and this thread order[mid, size).
  const mid = threaded ? Math.floor(sampler.size / 2) : 0;
  const helper = threaded ? context.epochHelper!({ split, fitEnd, config, params, moments: moments!, adamSteps: adamSteps! }) : undefined;
  let order: Int32Array = new Int32Array(0);
  return {
    examples: sampler.size,
    batches: Math.ceil((sampler.size - mid) / batchSize),
    beginEpoch(epoch) {
      order = sampler.order(rng);
      helper?.start(epoch, order, 0, mid);
    },
    trainBatch(b) {
      const from = mid + b * batchSize;
      const to = Math.min(sampler.size, from + batchSize);
      sampler.fill(batch, order, from, to, rng);
      return { lossSum: step() * (to - from), examples: to - from };
    },
    endEpoch: () => (helper ? helper.wait().lossSum : 0),
    current: () => rumWeights(kind, params),
    // A copy in ordinary memory, even when the live tables are shared with a helper thread.
    snapshot: () => cloneWeights(rumWeights(kind, params)),
    close: () => helper?.close(),
  };
}

/** The helper thread's side: trains the examples it is handed on the shared tables, with its own sampler and scratch. */
export function rumHelperSlices(loss: LossKind, shared: SharedTraining): (examples: Int32Array, rng: Rng, stopped: () => boolean) => number {
  const { split, fitEnd, config, params, moments, adamSteps } = shared;
  const sampler = new ExampleSampler(split, fitEnd, config.slots, config.negatives);
  const { batchSize, batch, step } = trainingParts(loss, sampler, config, params, moments, adamSteps, 1);
  return (examples, rng, stopped) => {
    let lossSum = 0;
    for (let from = 0; from < examples.length && !stopped(); from += batchSize) {
      const to = Math.min(examples.length, from + batchSize);
      sampler.fill(batch, examples, from, to, rng);
      lossSum += step() * (to - from);
    }
    return lossSum;
  };
}
