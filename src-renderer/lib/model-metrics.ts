// Models side by side: their stored test metrics in table and chart shapes.
import type { Metrics } from '../api/types';

export const METRIC_KEYS = ['precision', 'recall', 'f1', 'hr', 'ndcg'] as const;
export const METRIC_LABELS: Record<(typeof METRIC_KEYS)[number], string> = { precision: 'P', recall: 'R', f1: 'F1', hr: 'HR', ndcg: 'NDCG' };

export interface ModelMetricsLike {
  modelId: number;
  kind: string;
  test: { metrics: unknown; n: number } | null;
}

export const testMetrics = (m: ModelMetricsLike): Metrics | null => (m.test?.metrics as Metrics | undefined) ?? null;

export const modelLabel = (m: { modelId: number; kind: string }): string => `#${m.modelId} ${m.kind}`;

/** Recharts grouped bars: one row per metric, one key per model. */
export function groupedMetrics(models: ModelMetricsLike[]): Record<string, number | string>[] {
  const withMetrics = models.filter((m) => testMetrics(m) !== null);
  return METRIC_KEYS.map((k) => {
    const row: Record<string, number | string> = { metric: METRIC_LABELS[k] };
    for (const m of withMetrics) row[modelLabel(m)] = testMetrics(m)![k];
    return row;
  });
}

/** Highest value of each metric among the models, to mark the best in the table. */
export function bestPerMetric(models: ModelMetricsLike[]): Record<string, number> {
  const best: Record<string, number> = {};
  for (const m of models) {
    const t = testMetrics(m);
    if (!t) continue;
    for (const k of METRIC_KEYS) if (!(k in best) || t[k] > best[k]) best[k] = t[k];
  }
  return best;
}
