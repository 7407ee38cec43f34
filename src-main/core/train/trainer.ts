import type { Split } from '../dataset/split';
import type { RankingMetrics } from '../eval/metrics';
import { cloneRumItemParams, initRumItemParams, type RumItemParams } from '../model/rum-item/params';
import type { Weights } from '../model/model';
import { modelSpec } from '../model/registry';
import { createRumItemBatch, RumItemScratch, SparseAdam, type AdamMoments } from '../model/rum-item/kernel';
import { lossAndGradientsTf } from '../model/rum-item/tf';
import { Rng } from '../random';
import { effectiveConfig, validateConfig, type TrainConfig } from './config';
import { ExampleSampler, fitEnds } from './examples';
import { evaluateSplit, type Evaluation, type RankFn } from './protocol';

/** What a trained model is made of (defined with the model interface, core/model/model.ts). */
export type { Weights } from '../model/model';

export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Mean loss over the epoch so far. */
  loss: number;
  /** Validation NDCG@N after each finished epoch. */
  validation?: number;
  bestEpoch: number;
  elapsedSeconds: number;
  /** Upper bound: assumes every remaining epoch runs (early stopping may end sooner). */
  etaSeconds: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  validation: RankingMetrics;
  seconds: number;
}

export interface TrainOutcome {
  weights: Weights;
  curve: EpochRecord[];
  bestEpoch: number;
  epochsRun: number;
  validation: Evaluation;
  stoppedEarly: boolean;
}

export interface TrainHooks {
  /** Builds the ranking function for some weights (tfjs or plain JS: the caller chooses). */
  makeRank: (weights: Weights) => RankFn;
  onProgress?: (p: TrainProgress) => void;
  /** Polled between batches; true aborts training with an AbortError. */
  isCancelled?: () => boolean;
  /** Starts the second training thread when config.threads > 1 (the host owns threads; core does not). */
  epochHelper?: (shared: SharedTraining) => EpochHelper;
}

/** What a second thread needs to train part of every epoch on the same tables. */
export interface SharedTraining {
  split: Split;
  fitEnd: Int32Array;
  /** The effective config (baselines already mapped onto RUM). */
  config: TrainConfig;
  /** Tables in SharedArrayBuffers: both threads read and write them without locks (Hogwild). */
  params: RumItemParams;
  /** Adam's moments, shared the same way. */
  moments: AdamMoments;
  /** Adam's step count over both threads, in a SharedArrayBuffer (one element). */
  adamSteps: Int32Array;
}

/**
 * A second training thread. Per epoch the trainer hands it one part of the shuffled order,
 * trains the other part itself, then blocks in wait() until the helper's part is done.
 */
export interface EpochHelper {
  /** Begins training examples order[from, to) of this epoch; returns at once. */
  start(epoch: number, order: Int32Array, from: number, to: number): void;
  /** Blocks until that part is trained (or stopped); its loss summed over its examples. */
  wait(): { lossSum: number };
  /** Stops the helper for good; safe to call more than once. */
  close(): void;
}

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

export class TrainingCancelled extends Error {
  override name = 'AbortError';
  constructor() {
    super('training cancelled');
  }
}

/** Up to `max` user indices, a seeded sample in increasing order (all users when there are few). */
export function sampleUsers(users: number, max: number, seed: number): Int32Array {
  const all = Int32Array.from({ length: users }, (_, u) => u);
  if (users <= max) return all;
  return new Rng(seed ^ 0x5eed).shuffle(all).slice(0, max).sort();
}

/** Item counts over every user's training part: MostPopular's whole model. */
export function popularity(split: Split): Float32Array {
  const counts = new Float32Array(split.itemOf.length);
  for (const s of split.sequences) for (let t = 0; t < s.trainLength; t++) counts[s.items[t]]++;
  return counts;
}

/**
 * Trains one model on a split: epochs of shuffled mini-batches through the fused kernel with a
 * sparse Adam, validation NDCG@N after each epoch, early stopping with patience, and the best
 * epoch's parameters kept. With threads = 2 the hooks' epoch helper trains half of every epoch
 * at the same time, on shared tables; with 1 a seed reproduces a run exactly.
 */
export function trainModel(split: Split, rawConfig: TrainConfig, hooks: TrainHooks): TrainOutcome {
  validateConfig(rawConfig);
  const config = effectiveConfig(rawConfig);
  const fitEnd = fitEnds(split, config.validationPercent);
  const validationSample = sampleUsers(split.sequences.length, config.validationUsers, config.seed);
  const validate = (w: Weights) =>
    evaluateSplit(split, hooks.makeRank(w), config.n, config.slots, { validationFitEnd: fitEnd }, validationSample);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;

  const spec = modelSpec(config.model);
  if (spec.loss === null) {
    const weights: Weights = { kind: 'pop', counts: popularity(split) };
    const validation = validate(weights);
    return { weights, curve: [], bestEpoch: 0, epochsRun: 0, validation, stoppedEarly: false };
  }

  const rng = new Rng(config.seed);
  const nUsers = split.sequences.length;
  const nItems = split.itemOf.length;
  const initial = initRumItemParams(
    { dim: config.dim, slots: config.slots, alpha: config.alpha, beta: config.beta },
    nUsers,
    nItems,
    rng,
    config.initScale,
  );
  const threaded = config.threads > 1;
  if (threaded && !hooks.epochHelper) throw new Error('threads > 1 needs an epochHelper hook (the host starts the thread)');
  const params = threaded ? shareParams(initial) : initial;
  const moments = threaded ? sharedMoments(params) : undefined;
  const adamSteps = threaded ? new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) : undefined;
  const kind = spec.kind as Exclude<Weights['kind'], 'pop'>;
  const sampler = new ExampleSampler(split, fitEnd, config.slots, config.negatives);
  const C = 1 + config.negatives;
  const batchSize = Math.min(config.batchSize, Math.max(1, sampler.size));
  const batch = createRumItemBatch(batchSize, config.slots, C);
  const scratch = new RumItemScratch(params, batchSize, C, spec.loss);
  const optimiser = new SparseAdam(params, { lr: config.lr, moments, steps: adamSteps });
  // With a helper, it trains order[0, mid) of each epoch and this thread order[mid, size).
  const mid = threaded ? Math.floor(sampler.size / 2) : 0;
  const batches = Math.ceil((sampler.size - mid) / batchSize);
  const training: Weights = { kind, params };
  // Both paths compute the same gradients (the kernel's tests hold them equal); the kernel
  // is the fast one, tfjs autodiff is kept to measure and cross-check it.
  const step =
    config.gradients === 'tfjs'
      ? () => {
          const { loss, grads } = lossAndGradientsTf(params, batch, config.l2);
          optimiser.apply(params, grads.user, grads.item);
          return loss;
        }
      : () => spec.trainStep(training, batch, optimiser, config.l2, scratch);

  const curve: EpochRecord[] = [];
  let best: { epoch: number; params: RumItemParams; validation: Evaluation } | undefined;
  let lastReport = 0;
  const helper = threaded ? hooks.epochHelper!({ split, fitEnd, config, params, moments: moments!, adamSteps: adamSteps! }) : undefined;
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const epochStart = performance.now();
      const order = sampler.order(rng);
      helper?.start(epoch, order, 0, mid);
      let lossSum = 0;
      for (let b = 0; b < batches; b++) {
        if (hooks.isCancelled?.()) throw new TrainingCancelled();
        const from = mid + b * batchSize;
        const to = Math.min(sampler.size, from + batchSize);
        sampler.fill(batch, order, from, to, rng);
        lossSum += step() * (to - from);
        const now = performance.now();
        if (hooks.onProgress && now - lastReport > 200) {
          lastReport = now;
          const done = (epoch - 1) * batches + b + 1;
          hooks.onProgress({
            epoch,
            epochs: config.epochs,
            batch: b + 1,
            batches,
            loss: lossSum / (to - mid),
            bestEpoch: best?.epoch ?? 0,
            elapsedSeconds: elapsed(),
            etaSeconds: (elapsed() / done) * (config.epochs * batches - done),
          });
        }
      }
      if (helper) {
        lossSum += helper.wait().lossSum;
        if (hooks.isCancelled?.()) throw new TrainingCancelled();
      }
      const validation = validate({ kind, params });
      curve.push({ epoch, loss: lossSum / sampler.size, validation: validation.metrics, seconds: (performance.now() - epochStart) / 1000 });
      if (!best || validation.metrics.ndcg > best.validation.metrics.ndcg) {
        best = { epoch, params: cloneRumItemParams(params), validation };
      }
      hooks.onProgress?.({
        epoch,
        epochs: config.epochs,
        batch: batches,
        batches,
        loss: lossSum / sampler.size,
        validation: validation.metrics.ndcg,
        bestEpoch: best.epoch,
        elapsedSeconds: elapsed(),
        etaSeconds: (elapsed() / epoch) * (config.epochs - epoch),
      });
      if (epoch - best.epoch >= config.patience) {
        return { weights: { kind, params: best.params }, curve, bestEpoch: best.epoch, epochsRun: epoch, validation: best.validation, stoppedEarly: true };
      }
    }
  } finally {
    helper?.close();
  }
  return {
    weights: { kind, params: best!.params },
    curve,
    bestEpoch: best!.epoch,
    epochsRun: config.epochs,
    validation: best!.validation,
    stoppedEarly: false,
  };
}
