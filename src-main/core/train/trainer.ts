import type { Split } from '../dataset/split';
import type { RankingMetrics } from '../eval/metrics';
import type { EpochHelper, SharedTraining, Weights } from '../model/model';
import { modelSpec } from '../model/registry';
import { Rng } from '../random';
import { effectiveConfig, validateConfig, type TrainConfig } from './config';
import { fitEnds } from './examples';
import { evaluateSplit, type Evaluation, type RankFn } from './protocol';

/** What a trained model is made of (defined with the model interface, core/model/model.ts). */
export type { EpochHelper, SharedTraining, Weights } from '../model/model';
export { shareParams, sharedMoments } from '../model/rum-item/train';
export { popularity } from '../model/baselines/pop';

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

/**
 * Trains one model on a split: the model's own epochs (its spec's startTraining: for the RUM
 * family shuffled mini-batches through the fused kernel with a sparse Adam), validation NDCG@N
 * after each epoch, early stopping with patience, and the best epoch's weights kept. A model with
 * nothing to train (MostPopular) is fitted once. With threads = 2 the hooks' epoch helper trains
 * half of every epoch at the same time, on shared tables; with 1 a seed reproduces a run exactly.
 */
export function trainModel(split: Split, rawConfig: TrainConfig, hooks: TrainHooks): TrainOutcome {
  validateConfig(rawConfig);
  const config = effectiveConfig(rawConfig);
  const fitEnd = fitEnds(split, config.validationPercent);
  const validationSample = sampleUsers(split.sequences.length, config.validationUsers, config.seed);
  const spec = modelSpec(config.model);
  const validate = (w: Weights) =>
    evaluateSplit(split, hooks.makeRank(w), config.n, spec.historyLength(w), { validationFitEnd: fitEnd }, validationSample);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;

  if (!spec.startTraining) {
    const weights = spec.fit!(split, config);
    const validation = validate(weights);
    return { weights, curve: [], bestEpoch: 0, epochsRun: 0, validation, stoppedEarly: false };
  }

  const training = spec.startTraining(split, config, { fitEnd, rng: new Rng(config.seed), epochHelper: hooks.epochHelper });
  const { batches } = training;
  const curve: EpochRecord[] = [];
  let best: { epoch: number; weights: Weights; validation: Evaluation } | undefined;
  let lastReport = 0;
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const epochStart = performance.now();
      training.beginEpoch(epoch);
      let lossSum = 0;
      let trained = 0;
      for (let b = 0; b < batches; b++) {
        if (hooks.isCancelled?.()) throw new TrainingCancelled();
        const part = training.trainBatch(b);
        lossSum += part.lossSum;
        trained += part.examples;
        const now = performance.now();
        if (hooks.onProgress && now - lastReport > 200) {
          lastReport = now;
          const done = (epoch - 1) * batches + b + 1;
          hooks.onProgress({
            epoch,
            epochs: config.epochs,
            batch: b + 1,
            batches,
            loss: lossSum / trained,
            bestEpoch: best?.epoch ?? 0,
            elapsedSeconds: elapsed(),
            etaSeconds: (elapsed() / done) * (config.epochs * batches - done),
          });
        }
      }
      lossSum += training.endEpoch();
      if (hooks.isCancelled?.()) throw new TrainingCancelled();
      const validation = validate(training.current());
      curve.push({ epoch, loss: lossSum / training.examples, validation: validation.metrics, seconds: (performance.now() - epochStart) / 1000 });
      if (!best || validation.metrics.ndcg > best.validation.metrics.ndcg) {
        best = { epoch, weights: training.snapshot(), validation };
      }
      hooks.onProgress?.({
        epoch,
        epochs: config.epochs,
        batch: batches,
        batches,
        loss: lossSum / training.examples,
        validation: validation.metrics.ndcg,
        bestEpoch: best.epoch,
        elapsedSeconds: elapsed(),
        etaSeconds: (elapsed() / epoch) * (config.epochs - epoch),
      });
      if (epoch - best.epoch >= config.patience) {
        return { weights: best.weights, curve, bestEpoch: best.epoch, epochsRun: epoch, validation: best.validation, stoppedEarly: true };
      }
    }
  } finally {
    training.close();
  }
  return {
    weights: best!.weights,
    curve,
    bestEpoch: best!.epoch,
    epochsRun: config.epochs,
    validation: best!.validation,
    stoppedEarly: false,
  };
}
