// What every contract call answers, next to contract.ts's inputs. The services' handlers are
// typed to return these (api/services.ts), the renderer reads them (src-renderer/api/types.ts),
// and the preload and the web client return them from `call`: a handler that answers another
// shape, or a view that reads a field no handler sends, is a type error.
// Type-only: nothing here exists at run time, so the renderer may import it.
import type { RankingMetrics } from '../core/eval/metrics';
import type { TrainProgress } from '../core/train/trainer';
import type { Evaluation } from '../core/train/protocol';
import type { ExplainJson, TimelineJson, TimelineRanksJson, TimelineWeightsJson } from '../engine/explain-service';
import type { CompareStepJson } from '../engine/compare-step';
import type { AttentionTrustJson } from '../engine/attention-trust';
import type { InfluencePairJson, InfluencesJson } from '../engine/influences';
import type { SlicesJson } from '../engine/slices';
import type { WhatIfJson } from '../engine/whatif';
import type { ImportedFrom } from '../engine/import-model';
import type { ImportResult } from '../jobs/import/import-dataset';
import type { DatasetRow, DeletedDataset } from '../store/datasets';
import type { ItemHit } from '../store/items';
import type { CONTRACT, Method } from './contract';
import type { ModelInfo } from './model-info';

export type { ItemHit };
export type { AttentionTrustJson };
export type { InfluencePairJson, InfluencesJson };
export type { SliceJson, SlicesJson } from '../engine/slices';
export type { MinimalJson, WhatIfEdit, WhatIfJson } from '../engine/whatif';
export type { DatasetRow, DeletedDataset, Evaluation, ExplainJson, ImportResult, CompareStepJson, ModelInfo, RankingMetrics, TimelineJson, TimelineRanksJson, TimelineWeightsJson, TrainProgress };

/** A job call's answer: at once, before any work; the outcome arrives as a 'done' event. */
export interface JobStarted {
  jobId: string;
}

/** exportReport in the desktop app when the user closes the save dialog: no job was started. */
export interface ExportCancelled {
  cancelled: true;
}

export interface HistogramBin {
  from: number;
  /** Inclusive upper bound; null for the open last bin. */
  to: number | null;
  users: number;
}

export interface DatasetSummary extends DatasetRow {
  eventsPerUser: HistogramBin[];
  usersWithTenOrMore: number;
}

export interface UserRow {
  user: string;
  events: number;
  trainLength: number;
  /** The test part's HR@N, NDCG@N and misses (steps ranked below N): only when the list was ranked. */
  test?: { hr: number; ndcg: number; misses: number; steps: number };
}

/** How listUsers' per-user figures were computed, when asked for (a sort or filter on them). */
export interface UsersRanked {
  n: number;
  method: string;
  /** Time the ranking of every user's test part took, once per loaded model (0 when already kept). */
  ms: number;
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web' | 'cli';
  dbPath: string;
  /** Null until the host has loaded a tfjs backend. */
  backend: string | null;
}

/** evaluateModel: the paper's protocol on the test part, with what ran it. */
export interface ModelEvaluation extends Evaluation {
  modelId: number;
  kind: string;
  /** The tfjs backend that ranked, or null when none was needed. */
  backend: string | null;
  seconds: number;
}

/**
 * exportModel: a model's weights and settings as plain JSON, so anyone can recompute a score by
 * hand (docs/contract.md, `export-model`). The keys past `config` are the model kind's own
 * (its registry entry's exportJson): embeddings for RUM and the factor models, counts for pop.
 */
export interface ModelExport {
  model: string;
  modelId: number;
  datasetId: number;
  backend: string;
  users: string[];
  items: string[];
  titles: (string | null)[];
  /** The settings asked for, with those the kind fixes laid over them (BPR-MF: alpha 0, ...). */
  config: Record<string, unknown>;
  [part: string]: unknown;
}

/** importModel's result: the stored model, and where it came from with the file's own figures beside the workbench's. */
export type ImportModelJson = ModelInfo & { imported: ImportedFrom };

export interface DeletedModel {
  modelId: number;
  datasetId: number;
  model: string;
}

/** The answer of each call. */
export interface Results {
  appInfo: AppInfo;
  listDatasets: DatasetRow[];
  datasetSummary: DatasetSummary;
  importDataset: JobStarted;
  listModels: ModelInfo[];
  trainModel: JobStarted;
  alphaSweep: JobStarted;
  evaluateModel: ModelEvaluation;
  listUsers: { total: number; users: UserRow[]; ranked?: UsersRanked };
  explainStep: ExplainJson;
  attentionTrust: AttentionTrustJson;
  influenceMap: JobStarted;
  modelSlices: JobStarted;
  importModel: JobStarted;
  timeline: TimelineJson;
  timelineWeights: TimelineWeightsJson;
  timelineRanks: TimelineRanksJson;
  compareStep: CompareStepJson;
  whatIf: WhatIfJson;
  searchItems: { items: ItemHit[] };
  exportReport: JobStarted | ExportCancelled;
  deleteModel: { deleted: DeletedModel };
  deleteDataset: { deleted: DeletedDataset };
  renameDataset: { datasetId: number; name: string };
  cancelJob: { cancelled: boolean };
  exportModel: ModelExport;
}

export type Result<M extends Method> = Results[M];

export interface SweepPoint {
  alpha: number;
  modelId: number;
  metrics: RankingMetrics;
}

export interface ReportResult {
  path: string;
  bytes: number;
  format: 'html' | 'pdf' | 'csv' | 'json';
}

/** The `result` of a job call's 'done' event. */
export interface JobResults {
  importDataset: ImportResult;
  trainModel: ModelInfo & { cached: boolean };
  alphaSweep: { points: SweepPoint[] };
  exportReport: ReportResult;
  /** cached: the services had this map already (its `seconds` are those of the first computation). */
  influenceMap: InfluencesJson & { cached: boolean };
  modelSlices: SlicesJson;
  importModel: ImportModelJson;
}

export type JobMethod = keyof JobResults;
export type JobResult<M extends JobMethod> = JobResults[M];

// Fails to compile when a method is added to the contract without its result here (or the
// reverse): `never` is the only type that satisfies `extends never`.
type Exactly<T extends never> = T;
export type ResultsCoverTheContract = Exactly<Exclude<Method, keyof Results> | Exclude<keyof Results, Method>>;

type ContractJobs = { [M in Method]: (typeof CONTRACT)[M] extends { job: true } ? M : never }[Method];
export type JobResultsCoverTheJobs = Exactly<Exclude<ContractJobs, JobMethod> | Exclude<JobMethod, ContractJobs>>;
