import { describe, expect, it } from 'vitest';
import { contributionBars, fmtPart, scoreDomain, scoreSegments } from './score-bars';

/** Where value v falls on [min, max], in %, written out here rather than shared with the code. */
const at = (v: number, min: number, max: number) => ((v - min) / (max - min)) * 100;

describe('score bars', () => {
  it('stacks two positive parts from zero at the left', () => {
    const d = scoreDomain([{ intrinsic: 2, memory: 2 }, { intrinsic: 1, memory: 1 }]);
    expect(d).toEqual({ min: 0, max: 4 });
    const s = scoreSegments({ intrinsic: 2, memory: 2 }, d);
    expect(s.zero).toBe(0);
    expect(s.intrinsic).toEqual({ left: 0, width: 50 });
    expect(s.memory).toEqual({ left: 50, width: 50 });
    expect(s.logit).toBe(100);
  });

  it('draws a negative intrinsic part left of zero and a positive memory part right of it: neither hides the other', () => {
    const d = scoreDomain([{ intrinsic: -1, memory: 3 }]);
    // The axis holds the negative stack (-1) and the positive one (3), not just the logit 2.
    expect(d).toEqual({ min: -1, max: 3 });
    const s = scoreSegments({ intrinsic: -1, memory: 3 }, d);
    expect(s.zero).toBeCloseTo(at(0, -1, 3), 12);
    expect(s.intrinsic.left).toBeCloseTo(0, 12);
    expect(s.intrinsic.width).toBeCloseTo(25, 12);
    expect(s.memory.left).toBeCloseTo(25, 12);
    expect(s.memory.width).toBeCloseTo(75, 12);
    // The two segments do not overlap, and the tick sits at the sum.
    expect(s.intrinsic.left + s.intrinsic.width).toBeLessThanOrEqual(s.memory.left + 1e-12);
    expect(s.logit).toBeCloseTo(at(2, -1, 3), 12);
  });

  it('stacks two negative parts leftwards from zero', () => {
    const d = scoreDomain([{ intrinsic: -2, memory: -1 }, { intrinsic: 1, memory: 0.5 }]);
    expect(d).toEqual({ min: -3, max: 1.5 });
    const s = scoreSegments({ intrinsic: -2, memory: -1 }, d);
    expect(s.intrinsic.left).toBeCloseTo(at(-2, -3, 1.5), 12);
    expect(s.intrinsic.left + s.intrinsic.width).toBeCloseTo(at(0, -3, 1.5), 12);
    expect(s.memory.left).toBeCloseTo(0, 12);
    expect(s.memory.width).toBeCloseTo(at(-2, -3, 1.5), 12);
    expect(s.logit).toBeCloseTo(0, 12);
  });

  it('never divides by zero', () => {
    const d = scoreDomain([{ intrinsic: 0, memory: 0 }]);
    expect(d.max).toBeGreaterThan(d.min);
    expect(scoreSegments({ intrinsic: 0, memory: 0 }, d).intrinsic.width).toBe(0);
  });
});

describe('contribution bars', () => {
  it('run from a shared zero to each value, negatives to the left', () => {
    const { zero, bars } = contributionBars([0.149, -0.334, -0.601]);
    expect(zero).toBeCloseTo(at(0, -0.601, 0.149), 12);
    expect(bars[0].left).toBeCloseTo(zero, 12);
    expect(bars[0].width).toBeCloseTo(100 - zero, 12);
    expect(bars[1].left + bars[1].width).toBeCloseTo(zero, 12);
    expect(bars[1].width).toBeCloseTo((0.334 / 0.75) * 100, 9);
    expect(bars[2].left).toBeCloseTo(0, 12);
  });

  it('put zero at the left when all are positive, and survive all zeros', () => {
    expect(contributionBars([1, 3]).zero).toBe(0);
    expect(contributionBars([1, 3]).bars[0].width).toBeCloseTo(100 / 3, 12);
    expect(contributionBars([0, 0]).bars.every((b) => b.width === 0)).toBe(true);
  });
});

describe('fmtPart', () => {
  it('never shows −0.0000', () => {
    expect(fmtPart(0)).toBe('0');
    expect(fmtPart(-0)).toBe('0');
    expect(fmtPart(-0.00001234)).toBe('−0.000012');
    expect(fmtPart(0.00004999)).toBe('+0.000050');
    expect(fmtPart(-0.158)).toBe('−0.1580');
    expect(fmtPart(2.18, 2)).toBe('+2.18');
    expect(fmtPart(-3e-12)).toBe('−3.0e−12');
    expect(fmtPart(Number.NaN)).toBe('–');
  });
});
