// What each contract call returns, as the renderer sees it. Type-only imports from src-main/api
// and the explain service are erased at build time (the contract re-exports the store's row
// types, since the renderer may not import the store itself).
import type { ApiErrorBody, DatasetRow, DeletedDataset, Input, JobEvent, Method, RumApi, TrainProgress } from '../../src-main/api/contract';
import type { ModelInfo } from '../../src-main/api/services';
import type { ExplainJson, TimelineJson } from '../../src-main/engine/explain-service';

export type { ApiErrorBody, DatasetRow, DeletedDataset, ExplainJson, Input, JobEvent, Method, ModelInfo, RumApi, TimelineJson, TrainProgress };


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
}

export interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  hr: number;
  ndcg: number;
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web';
  dbPath: string;
  /** Null until the host has loaded a tfjs backend. */
  backend: string | null;
}


export interface ImportResult {
  datasetId: number;
  users: number;
  items: number;
  events: number;
  skipped: Record<string, number>;
}

export interface SweepResult {
  points: { alpha: number; modelId: number; metrics: Metrics }[];
}

export interface ReportResult {
  path: string;
  bytes: number;
  format: string;
}

/** Results per call; job calls answer with their id at once. */
export interface Results {
  listDatasets: DatasetRow[];
  datasetSummary: DatasetSummary;
  importDataset: { jobId: string };
  listModels: ModelInfo[];
  trainModel: { jobId: string };
  alphaSweep: { jobId: string };
  evaluateModel: unknown;
  listUsers: { total: number; users: UserRow[] };
  explainStep: ExplainJson;
  timeline: TimelineJson;
  exportReport: { jobId: string };
  deleteModel: { deleted: { modelId: number; datasetId: number; model: string } };
  deleteDataset: { deleted: DeletedDataset };
  renameDataset: { datasetId: number; name: string };
  cancelJob: { cancelled: boolean };
  appInfo: AppInfo;
}

export type Recommendation = ExplainJson['recommendations'][number];
export type MemorySlot = ExplainJson['memory'][number];
export type TimelineStep = TimelineJson['steps'][number];
