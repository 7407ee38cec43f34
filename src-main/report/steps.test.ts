import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors';
import { DEFAULT_DETAIL, parseStepSpec, selectSteps, type StepFacts } from './steps';

describe('--steps', () => {
  it('reads all, hits, misses, a step and a range, in any case and with spaces', () => {
    expect(parseStepSpec(undefined)).toEqual({ kind: 'default' });
    expect(parseStepSpec('ALL')).toEqual({ kind: 'all' });
    expect(parseStepSpec(' hits ')).toEqual({ kind: 'hits' });
    expect(parseStepSpec('misses')).toEqual({ kind: 'misses' });
    expect(parseStepSpec('12-40')).toEqual({ kind: 'range', from: 12, to: 40 });
    expect(parseStepSpec('7')).toEqual({ kind: 'range', from: 7, to: 7 });
  });

  it('refuses anything else, saying what it takes', () => {
    for (const bad of ['', 'some', '3-', '-3', '1-2-3', '1.5', '40-12', 'hits,misses']) {
      expect(() => parseStepSpec(bad), bad).toThrow(InputError);
    }
    expect(() => parseStepSpec('40-12')).toThrow('A <= B');
    expect(() => parseStepSpec('x')).toThrow(/all, hits, misses, a step T or a range A-B/);
  });
});

// 20 purchases, training part 0..13, test 14..19; N = 5.
const RANKS = [1, 9, 3, 40, 5, 6, 2, 80, 1, 7, 3, 12, 4, 2, 1, 30, 5, 700, 2, 6];
const facts: StepFacts[] = RANKS.map((rank, step) => ({
  step,
  part: step < 14 ? 'train' : 'test',
  rank,
  pattern: step === 3 ? 'one-to-one' : step === 9 || step === 16 ? 'one-to-multiple' : 'none',
  topWeight: step === 3 ? 0.9 : step === 9 ? 0.7 : step === 16 ? 0.8 : 0.3,
}));

describe('selectSteps', () => {
  it('hits and misses are ranks <= N and > N over the whole timeline', () => {
    const hits = selectSteps({ kind: 'hits' }, facts, 5, 14).steps;
    expect(hits).toEqual(RANKS.flatMap((r, t) => (r <= 5 ? [t] : [])));
    const misses = selectSteps({ kind: 'misses' }, facts, 5, 14).steps;
    expect(misses).toEqual(RANKS.flatMap((r, t) => (r > 5 ? [t] : [])));
    expect([...hits, ...misses].sort((a, b) => a - b)).toEqual(RANKS.map((_, t) => t));
    // N moves the line: with N = 1 only the rank-1 steps are hits.
    expect(selectSteps({ kind: 'hits' }, facts, 1, 14).steps).toEqual([0, 8, 14]);
  });

  it('all is every step and the one after the last purchase; a range is inclusive and bounded', () => {
    expect(selectSteps({ kind: 'all' }, facts, 5, 14).steps).toEqual(Array.from({ length: 21 }, (_, t) => t));
    expect(selectSteps({ kind: 'range', from: 18, to: 20 }, facts, 5, 14).steps).toEqual([18, 19, 20]);
    expect(() => selectSteps({ kind: 'range', from: 18, to: 21 }, facts, 5, 14)).toThrow('steps 0 to 20');
  });

  it('by default: the end of training, the worst test misses, the best test hits, the strongest triggers, capped', () => {
    const sel = selectSteps({ kind: 'default' }, facts, 5, 14);
    // Test misses worst first: 17 (700), 15 (30), 19 (6); hits best first: 14 (1), 18 (2), 16 (5);
    // triggers by top weight: 3, 16, 9.
    expect(sel.steps).toEqual([3, 9, 14, 15, 16, 17, 18, 19]);
    expect(sel.why.get(14)).toMatch(/end of the training part.*test hit: rank 1/);
    expect(sel.why.get(16)).toMatch(/test hit: rank 5.*one-to-multiple trigger: 80 %/);
    // However long the timeline, the default stays within its cap.
    const long: StepFacts[] = Array.from({ length: 5000 }, (_, step) => ({ step, part: step < 3500 ? 'train' : 'test', rank: (step * 7919) % 1000 + 1, pattern: step % 3 ? 'none' : 'one-to-one', topWeight: (step % 97) / 97 }));
    const cap = 1 + DEFAULT_DETAIL.misses + DEFAULT_DETAIL.hits + DEFAULT_DETAIL.triggers;
    expect(selectSteps({ kind: 'default' }, long, 5, 3500).steps.length).toBeLessThanOrEqual(cap);
    expect(selectSteps({ kind: 'default' }, long, 5, 3500).steps.length).toBeGreaterThan(cap - 3);
  });
});
