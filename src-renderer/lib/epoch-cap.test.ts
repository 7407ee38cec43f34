import { describe, expect, it } from 'vitest';
import { capWarning, risingWindow } from './epoch-cap';

const curve = (ndcg: number[]) => ndcg.map((v, k) => ({ epoch: k + 1, validation: { ndcg: v } }));

describe('capWarning', () => {
  it('warns when the run reached its cap with validation still rising', () => {
    const m = { epochs: 10, bestEpoch: 10, config: { epochs: 10 }, curve: curve([0.1, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.2]) };
    expect(capWarning(m)).toBe('Stopped at the 10-epoch cap with validation NDCG still rising (best at epoch 10): more epochs may give a better model.');
  });
  it('does not warn when it stopped early, or peaked well before the cap', () => {
    const early = { epochs: 14, bestEpoch: 4, config: { epochs: 100 }, curve: curve([0.1, 0.2, 0.3, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]) };
    expect(capWarning(early)).toBeNull();
    const peaked = { epochs: 10, bestEpoch: 3, config: { epochs: 10 }, curve: curve([0.1, 0.2, 0.3, 0.25, 0.24, 0.23, 0.22, 0.21, 0.2, 0.2]) };
    expect(capWarning(peaked)).toBeNull();
  });
  it('reads the best epoch from the curve, and needs a curve', () => {
    // Best at epoch 9 of 10 (within the last 2 of a 10-epoch run) counts as still rising.
    expect(risingWindow(10)).toBe(2);
    const nearEnd = { epochs: 10, bestEpoch: null, config: { epochs: 10 }, curve: curve([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.2]) };
    expect(capWarning(nearEnd)).toContain('best at epoch 9');
    expect(capWarning({ epochs: 1, bestEpoch: 1, config: { epochs: 1 }, curve: curve([0.1]) })).toBeNull();
    expect(capWarning({ epochs: 0, bestEpoch: null, config: { epochs: 100 }, curve: [] })).toBeNull();
  });
});
