// What each contract call takes and returns, as the renderer sees it: imported from the
// contract (src-main/api/contract.ts, results.ts), never restated here, so a view that reads a
// field no host sends does not compile. Type-only imports are erased at build time; the
// contract re-exports the store's and the explain service's types, since the renderer may not
// import those folders itself (eslint.config.js).
export type { ApiErrorBody, Input, JobEvent, Method, Result, RumApi } from '../../src-main/api/contract';
export type {
  AppInfo,
  DatasetRow,
  DatasetSummary,
  DeletedDataset,
  ExplainJson,
  ExportCancelled,
  HistogramBin,
  ImportModelJson,
  ImportResult,
  InfluencePairJson,
  InfluencesJson,
  SliceJson,
  SlicesJson,
  JobResult,
  JobResults,
  JobStarted,
  ModelInfo,
  ReportResult,
  Results,
  TimelineJson,
  TimelineRanksJson,
  TimelineWeightsJson,
  TrainProgress,
  UserRow,
} from '../../src-main/api/results';
// The few used below as well as re-exported.
import type { ExplainJson, JobResults, RankingMetrics, TimelineJson } from '../../src-main/api/results';

export type Metrics = RankingMetrics;
export type SweepResult = JobResults['alphaSweep'];

export type Recommendation = ExplainJson['recommendations'][number];
export type MemorySlot = ExplainJson['memory'][number];
export type TimelineStep = TimelineJson['steps'][number];
