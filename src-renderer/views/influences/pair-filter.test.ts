import { describe, expect, it } from 'vitest';
import { filterPairs } from './pair-filter';

const pairs = [
  { from: 'p017', fromTitle: 'Lumen 24MP Mirrorless Camera', to: 'p018', toTitle: 'Lumen 50mm Prime Lens', weight: 3, steps: 9 },
  { from: 'p001', fromTitle: 'Nova X2 Smartphone', to: 'p002', toTitle: 'Nova X2 Slim Case', weight: 2, steps: 8 },
  { from: 'p017', fromTitle: 'Lumen 24MP Mirrorless Camera', to: 'p019', toTitle: null, weight: 1, steps: 4 },
];

describe('the influence table search', () => {
  it('keeps every pair, ranked, for an empty query', () => {
    expect(filterPairs(pairs, '  ').map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('matches every word in either item, by id or title, ignoring case, and keeps the rank in the whole map', () => {
    expect(filterPairs(pairs, 'LUMEN lens').map((r) => r.rank)).toEqual([1]);
    expect(filterPairs(pairs, 'p017').map((r) => r.rank)).toEqual([1, 3]);
    expect(filterPairs(pairs, 'case nova').map((r) => r.pair.to)).toEqual(['p002']);
    expect(filterPairs(pairs, 'tripod')).toEqual([]);
  });
});
