import { describe, expect, it } from 'vitest';
import { scoreDomain, scoreSegments } from './score-bars';

describe('score bars', () => {
  it('puts zero at the left when everything is positive', () => {
    const d = scoreDomain([{ intrinsic: 2, memory: 2 }, { intrinsic: 1, memory: 1 }]);
    expect(d).toEqual({ min: 0, max: 4 });
    const s = scoreSegments({ intrinsic: 2, memory: 2 }, d);
    expect(s.zero).toBe(0);
    expect(s.intrinsic).toEqual({ left: 0, width: 50 });
    expect(s.memory).toEqual({ left: 50, width: 50 });
  });
  it('handles negative parts on a shared axis', () => {
    const d = scoreDomain([{ intrinsic: -1, memory: 3 }]);
    expect(d).toEqual({ min: -1, max: 2 });
    const s = scoreSegments({ intrinsic: -1, memory: 3 }, d);
    expect(s.zero).toBeCloseTo(33.333, 2);
    expect(s.intrinsic.left).toBe(0);
    expect(s.intrinsic.width).toBeCloseTo(33.333, 2);
    expect(s.memory.left).toBe(0);
    expect(s.memory.width).toBe(100);
  });
  it('never divides by zero', () => {
    const d = scoreDomain([{ intrinsic: 0, memory: 0 }]);
    expect(d.max).toBeGreaterThan(d.min);
    expect(scoreSegments({ intrinsic: 0, memory: 0 }, d).intrinsic.width).toBe(0);
  });
});
