import { describe, expect, it } from 'vitest';
import { seedGroups } from './seed-groups';

const model = (modelId: number, kind: string, seed: number, ndcg: number, extra: Record<string, unknown> = {}) => ({
  modelId,
  kind,
  datasetId: 1,
  config: { seed, dim: 32, ...extra },
  test: { n: 5, metrics: { precision: ndcg / 2, recall: ndcg, f1: ndcg, hr: 2 * ndcg, ndcg } },
});

describe('seedGroups', () => {
  it('groups models that differ only in the seed, with mean and sample sd worked out by hand', () => {
    const groups = seedGroups([model(1, 'rum-item', 1, 0.1), model(2, 'rum-item', 2, 0.2), model(3, 'rum-item', 3, 0.3), model(4, 'bpr', 1, 0.5), model(5, 'rum-item', 4, 0.9, { dim: 16 })]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: 'rum-item', modelIds: [1, 2, 3], seeds: [1, 2, 3] });
    // 0.1, 0.2, 0.3: mean 0.2, sd sqrt((0.01 + 0 + 0.01) / 2) = 0.1.
    expect(groups[0].stats.ndcg.mean).toBeCloseTo(0.2, 12);
    expect(groups[0].stats.ndcg.sd).toBeCloseTo(0.1, 12);
    expect(groups[0].stats.hr.mean).toBeCloseTo(0.4, 12);
  });

  it('keeps different settings, datasets and kinds apart, and skips models without test metrics', () => {
    const other = { ...model(2, 'rum-item', 2, 0.2), datasetId: 2 };
    const untested = { ...model(3, 'rum-item', 3, 0.3), test: null };
    expect(seedGroups([model(1, 'rum-item', 1, 0.1), other, untested, model(4, 'bpr', 2, 0.1)])).toEqual([]);
  });
});
