import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryBefore, memoryInto } from './memory';

// The definition, written the slow obvious way: drop padding, keep the last K, oldest first.
const naive = (seq: number[], end: number, K: number) => {
  const real = seq.slice(0, end).filter((m) => m >= 0);
  return K === 0 ? [] : real.slice(Math.max(0, real.length - K));
};

describe('the memory reader', () => {
  it('is the last K real entries before `end`, oldest first, padding skipped', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2, max: 30 }), { maxLength: 40 }), fc.nat(45), fc.nat(25), (seq, endRaw, K) => {
        const end = Math.min(endRaw, seq.length);
        expect(Array.from(memoryBefore(seq, end, K))).toEqual(naive(seq, end, K));
        const out = new Int32Array(3 + K).fill(-7);
        const n = memoryInto(seq, end, K, out, 3);
        expect(Array.from(out.subarray(3, 3 + n))).toEqual(naive(seq, end, K));
        // Nothing outside its n places is written: a batch row's padding is left to the caller.
        expect(Array.from(out.subarray(0, 3)).concat(Array.from(out.subarray(3 + n)))).toEqual(new Array(3 + K - n).fill(-7));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the paper example: K 3 after five purchases holds the 3rd, 4th and 5th', () => {
    expect(Array.from(memoryBefore([10, 11, 12, 13, 14, 15], 5, 3))).toEqual([12, 13, 14]);
    expect(Array.from(memoryBefore([10, -1, 11], 3, 5))).toEqual([10, 11]);
    expect(Array.from(memoryBefore([10, 11], 0, 5))).toEqual([]);
  });

  it('with K = Infinity is the whole history before `end` (what a recurrent model reads)', () => {
    expect(Array.from(memoryBefore([10, -1, 11, 12, 13], 4, Infinity))).toEqual([10, 11, 12]);
    expect(Array.from(memoryBefore([10, 11], 0, Infinity))).toEqual([]);
  });
});
