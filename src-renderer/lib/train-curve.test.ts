import { describe, expect, it } from 'vitest';
import { curveFromProgress, curveFromRecords, lastProgress } from './train-curve';

const p = (epoch: number, batch: number, loss: number, validation?: number) => ({ epoch, epochs: 3, batch, batches: 2, loss, validation, bestEpoch: 1, etaSeconds: 1 });

describe('training curves', () => {
  it('keeps the latest loss and validation of each epoch', () => {
    const c = curveFromProgress([p(1, 1, 0.9), p(1, 2, 0.8, 0.1), p(2, 1, 0.7), 'junk', null, p(2, 2, 0.6, 0.2)]);
    expect(c).toEqual([
      { epoch: 1, loss: 0.8, ndcg: 0.1 },
      { epoch: 2, loss: 0.6, ndcg: 0.2 },
    ]);
  });
  it('keeps a validation seen earlier in the epoch', () => {
    expect(curveFromProgress([p(1, 1, 0.9, 0.3), p(1, 2, 0.8)])).toEqual([{ epoch: 1, loss: 0.8, ndcg: 0.3 }]);
  });
  it('finds the last progress and converts stored curves', () => {
    expect(lastProgress([p(1, 1, 0.9), 'x'])?.loss).toBe(0.9);
    expect(lastProgress([])).toBeNull();
    expect(curveFromRecords([{ epoch: 1, loss: 0.5, validation: { ndcg: 0.2 } }])).toEqual([{ epoch: 1, loss: 0.5, ndcg: 0.2 }]);
  });
});
