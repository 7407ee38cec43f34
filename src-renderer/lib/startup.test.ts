import { describe, expect, it } from 'vitest';
import { explainable, latestDataset, newestModel } from './startup';

describe('startup choice', () => {
  it('picks the most recent dataset', () => {
    expect(latestDataset([])).toBeNull();
    const ds = [
      { datasetId: 1, createdAt: '2024-01-01 10:00:00' },
      { datasetId: 3, createdAt: '2024-01-02 10:00:00' },
      { datasetId: 2, createdAt: '2024-01-02 10:00:00' },
    ];
    expect(latestDataset(ds)?.datasetId).toBe(3);
  });
  it('picks the newest rum-item model of that dataset', () => {
    const ms = [
      { modelId: 1, datasetId: 1, kind: 'rum-item', createdAt: 'a' },
      { modelId: 2, datasetId: 1, kind: 'pop', createdAt: 'b' },
      { modelId: 3, datasetId: 2, kind: 'rum-item', createdAt: 'c' },
      { modelId: 4, datasetId: 1, kind: 'rum-item', createdAt: 'a' },
    ];
    expect(newestModel(ms, 1)?.modelId).toBe(4);
    expect(newestModel(ms, 9)).toBeNull();
    expect(explainable('pop')).toBe(false);
    expect(explainable('fpmc')).toBe(true);
  });
});
