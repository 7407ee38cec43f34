import { explainUserStep, userTimeline, type ExplainJson, type TimelineJson } from '../engine/explain-service';
import type { LoadedModel } from '../engine/loaded-model';

/** Everything a report shows for one user: the timeline and the explanation at every step. */
export interface ReportData {
  generatedAt: string;
  model: { modelId: number; kind: string; datasetId: number; backend: string; config: Record<string, unknown>; test: unknown };
  user: string;
  timeline: TimelineJson;
  steps: ExplainJson[];
}

export function buildReportData(model: LoadedModel, user: string, top = 5, onStep?: (done: number, total: number) => void): ReportData {
  const timeline = userTimeline(model, user);
  const total = timeline.steps.length + 1;
  const steps: ExplainJson[] = [];
  for (let t = 0; t < total; t++) {
    steps.push(explainUserStep(model, user, { step: t, top }));
    onStep?.(t + 1, total);
  }
  const r = model.record;
  return {
    generatedAt: new Date().toISOString(),
    model: { modelId: r.modelId, kind: r.kind, datasetId: r.datasetId, backend: r.backend, config: { ...r.config }, test: (r.metrics as { test?: unknown }).test },
    user,
    timeline,
    steps,
  };
}
