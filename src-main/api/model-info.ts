import type { RankingMetrics } from '../core/eval/metrics';
import type { Evaluation } from '../core/train/protocol';
import type { ModelRecord } from '../store/models';

/** What the trainer stored in a model's metrics column (jobs/train/train-job.ts). */
interface StoredMetrics {
  test?: Evaluation;
  validation?: Evaluation;
  bestEpoch?: number;
}

export interface ModelInfo {
  modelId: number;
  datasetId: number;
  kind: string;
  config: ModelRecord['config'];
  backend: string;
  epochs: number;
  bestEpoch: number | null;
  seconds: number;
  test: Evaluation | null;
  validation: RankingMetrics | null;
  /** The same validation run with the users and N it covered (the CLI's `train --json` prints it whole). */
  validationEvaluation: Evaluation | null;
  curve: ModelRecord['curve'];
  createdAt: string;
}

/** A stored model as listModels and trainModel report it. */
export function modelInfo(m: ModelRecord): ModelInfo {
  const metrics = m.metrics as StoredMetrics;
  return {
    modelId: m.modelId,
    datasetId: m.datasetId,
    kind: m.kind,
    config: m.config,
    backend: m.backend,
    epochs: m.epochs,
    bestEpoch: metrics.bestEpoch ?? null,
    seconds: m.seconds,
    test: metrics.test ?? null,
    validation: metrics.validation?.metrics ?? null,
    validationEvaluation: metrics.validation ?? null,
    curve: m.curve,
    createdAt: m.createdAt,
  };
}
