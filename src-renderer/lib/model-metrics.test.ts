import { describe, expect, it } from 'vitest';
import { bestPerMetric, groupedMetrics } from './model-metrics';

const m = (modelId: number, kind: string, f1: number | null) => ({
  modelId,
  kind,
  test: f1 === null ? null : { n: 5, metrics: { precision: f1, recall: f1 / 2, f1, hr: 2 * f1, ndcg: f1 } },
});

describe('model metrics', () => {
  it('groups per metric with one key per model, skipping models without test metrics', () => {
    const g = groupedMetrics([m(1, 'rum-item', 0.2), m(2, 'pop', 0.1), m(3, 'bpr', null)]);
    expect(g).toHaveLength(5);
    expect(g[2]).toEqual({ metric: 'F1', '#1 rum-item': 0.2, '#2 pop': 0.1 });
  });
  it('finds the best of each metric', () => {
    expect(bestPerMetric([m(1, 'rum-item', 0.2), m(2, 'pop', 0.3)]).f1).toBe(0.3);
    expect(bestPerMetric([])).toEqual({});
  });
});
