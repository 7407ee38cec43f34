// Models that differ only in their seed are one experiment run several times: the paper's Table 2
// and the compare bench report such a group as mean ± sd. This groups the model table's rows so.
import { METRIC_KEYS, testMetrics, type ModelMetricsLike } from './model-metrics';

export interface SeedGroup {
  kind: string;
  datasetId: number;
  /** The settings every model of the group shares (the seed left out), as JSON: the group's key. */
  key: string;
  modelIds: number[];
  seeds: number[];
  /** Mean and sample standard deviation (n - 1) of each test metric over the group's models; sd null for one model. */
  stats: Record<(typeof METRIC_KEYS)[number], { mean: number; sd: number | null }>;
}

type Groupable = ModelMetricsLike & { datasetId: number; config: { seed: number } };

/** Groups of two or more models with test metrics that share every setting but the seed, in first-model order. */
export function seedGroups(models: Groupable[]): SeedGroup[] {
  const byKey = new Map<string, Groupable[]>();
  for (const m of models) {
    if (!testMetrics(m)) continue;
    const { seed: _seed, ...rest } = m.config;
    const key = JSON.stringify([m.datasetId, m.kind, m.test?.n, Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))]);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const groups: SeedGroup[] = [];
  for (const [key, ms] of byKey) {
    if (ms.length < 2) continue;
    const stats = {} as SeedGroup['stats'];
    for (const k of METRIC_KEYS) {
      const xs = ms.map((m) => testMetrics(m)![k]);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : null;
      stats[k] = { mean, sd };
    }
    groups.push({ kind: ms[0].kind, datasetId: ms[0].datasetId, key, modelIds: ms.map((m) => m.modelId), seeds: ms.map((m) => Number(m.config.seed)), stats });
  }
  return groups;
}
