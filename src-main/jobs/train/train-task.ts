import { InputError } from '../../core/errors';
import { splitTimelines, type UserTimelines } from '../../core/dataset/split';
import type { RankingMetrics } from '../../core/eval/metrics';
import { modelSpec } from '../../core/model/registry';
import type { TrainConfig } from '../../core/train/config';
import { evaluateSplit, type Evaluation } from '../../core/train/protocol';
import { trainModel, type EpochRecord, type TrainProgress } from '../../core/train/trainer';
import { currentBackend, initBackend } from '../../engine/backend';
import { rankerFor } from '../../engine/ranker';
import type { StoredArrays } from '../../store/weights-codec';
import { startEpochHelper } from './epoch-helper';

export interface TrainTaskInput {
  /** The dataset's events by user in time order (store/user-timelines.ts): all the split needs. */
  timelines: UserTimelines;
  config: TrainConfig;
  /** Force a tfjs backend (benchmarks); by default the best one that loads. */
  backend?: 'tensorflow' | 'wasm' | 'cpu';
}

export interface TrainSummary {
  test: Evaluation;
  validation: Evaluation;
  bestEpoch: number;
  stoppedEarly: boolean;
  split: { users: number; items: number; events: number; trainEvents: number };
}

export interface TrainTaskOutput {
  arrays: StoredArrays;
  curve: EpochRecord[];
  summary: TrainSummary;
  metrics: RankingMetrics;
  backend: string;
  epochs: number;
  seconds: number;
}

/** Split, train, evaluate on the test part. Runs inside the training worker. */
export async function runTrainTask(
  input: TrainTaskInput,
  hooks: { onProgress?: (p: TrainProgress) => void; isCancelled?: () => boolean } = {},
): Promise<TrainTaskOutput> {
  const started = performance.now();
  await initBackend(input.backend);
  const { config } = input;
  const split = splitTimelines(input.timelines, { minUserEvents: config.minUserEvents, trainPercent: config.trainPercent });
  if (split.sequences.length === 0) {
    throw new InputError(`no user has ${config.minUserEvents} or more events: lower --min-user-events`);
  }
  const outcome = trainModel(split, config, {
    makeRank: rankerFor,
    epochHelper: (shared) => startEpochHelper(shared, hooks.isCancelled),
    ...hooks,
  });
  const test = evaluateSplit(split, rankerFor(outcome.weights), config.n, modelSpec(config.model).historyLength(outcome.weights), 'test');
  let trainEvents = 0;
  for (const s of split.sequences) trainEvents += s.trainLength;
  return {
    arrays: { weights: outcome.weights, itemOf: split.itemOf, userOf: split.userOf },
    curve: outcome.curve,
    summary: {
      test,
      validation: outcome.validation,
      bestEpoch: outcome.bestEpoch,
      stoppedEarly: outcome.stoppedEarly,
      split: { users: split.sequences.length, items: split.itemOf.length, events: split.events, trainEvents },
    },
    metrics: test.metrics,
    backend: currentBackend() ?? 'unknown',
    epochs: outcome.epochsRun,
    seconds: (performance.now() - started) / 1000,
  };
}
