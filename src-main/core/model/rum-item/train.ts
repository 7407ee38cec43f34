// How the RUM family (rum-item, and the baselines bpr and fpmc, which are RUM with parts switched
// off) trains: shuffled mini-batches of (user, memory, positive + sampled negatives) through the
// fused kernel with a sparse Adam, or through tfjs autodiff (same gradients) when asked. With
// threads = 2 a helper thread trains half of every epoch on tables in SharedArrayBuffers. The
// epoch loop, validation and early stopping are the trainer's (core/train/trainer.ts).
import type { Split } from '../../dataset/split';
import type { Rng } from '../../random';
import type { TrainConfig } from '../../train/config';
import { ExampleSampler } from '../../train/examples';
import { cloneWeights, type SharedTraining, type Training, type TrainingContext } from '../model';
import { createRumItemBatch, RumItemScratch, SparseAdam, trainBatch, type AdamMoments, type LossKind } from './kernel';
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

/**
 * What one training thread needs: its own sampler, batch, scratch and optimiser over the tables
 * `params` (shared with the other thread, with `moments` and `adamSteps`, when there are two).
 */
function trainingParts(
  loss: LossKind,
  split: Split,
  fitEnd: Int32Array,
  config: TrainConfig,
  params: RumItemParams,
  moments: AdamMoments | undefined,
  adamSteps: Int32Array | undefined,
) {
  const sampler = new ExampleSampler(split, fitEnd, config.slots, config.negatives);
  const C = 1 + config.negatives;
  const batchSize = Math.min(config.batchSize, Math.max(1, sampler.size));
  const batch = createRumItemBatch(batchSize, config.slots, C);
  const scratch = new RumItemScratch(params, batchSize, C, loss);
  const optimiser = new SparseAdam(params, { lr: config.lr, moments, steps: adamSteps });
  return { sampler, batchSize, batch, scratch, optimiser };
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
  const threaded = config.threads > 1;
  if (threaded && !context.epochHelper) throw new Error('threads > 1 needs an epochHelper hook (the host starts the thread)');
  const params = threaded ? shareParams(initial) : initial;
  const moments = threaded ? sharedMoments(params) : undefined;
  const adamSteps = threaded ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) : undefined;
  const { sampler, batchSize, batch, scratch, optimiser } = trainingParts(loss, split, fitEnd, config, params, moments, adamSteps);
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
  const { sampler, batchSize, batch, scratch, optimiser } = trainingParts(loss, split, fitEnd, config, params, moments, adamSteps);
  return (examples, rng, stopped) => {
    let lossSum = 0;
    for (let from = 0; from < examples.length && !stopped(); from += batchSize) {
      const to = Math.min(examples.length, from + batchSize);
      sampler.fill(batch, examples, from, to, rng);
      lossSum += trainBatch(params, batch, optimiser, config.l2, scratch) * (to - from);
    }
    return lossSum;
  };
}
