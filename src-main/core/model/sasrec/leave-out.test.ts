// SASRec's leave-one-out reading past its window (L = 50): leaving a purchase out lets the window
// reach one purchase further back, as the history without that purchase would; held against the
// spec's score() of that edited history.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { sasrec } from './index';
import { sasrecLeaveOutReader } from './leave-out';
import { initSasrecParams, MAX_LENGTH, sasrecParams, sasrecWeights } from './params';

describe('SASRec leave-one-out reading', () => {
  const nItems = 90;
  const w = sasrecWeights(initSasrecParams({ dim: 6, maxLength: MAX_LENGTH, blocks: 2 }, nItems, new Rng(7), 0.3));
  const rng = new Rng(3);
  const items = Int32Array.from({ length: 70 }, () => rng.int(nItems));

  it('reads the last 50 purchases with their steps, attention summing to 1, logits equal to score()', () => {
    const read = sasrecLeaveOutReader(sasrecParams(w), items)(64);
    expect(read.scores.additive).toBe(false);
    expect(read.scores.slots).toBe(50);
    expect(read.slots.map((s) => s.step)).toEqual(Array.from({ length: 50 }, (_, k) => 14 + k));
    expect(read.slots.map((s) => s.item)).toEqual(Array.from(items.subarray(14, 64)));
    expect(read.scores.attention(0).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Array.from(read.scores.logit)).toEqual(Array.from(sasrec.score(w, 0, items.subarray(0, 64))));
  });

  it('leaves one purchase out of the whole history, so the window takes in the one before it', () => {
    const read = sasrecLeaveOutReader(sasrecParams(w), items)(64);
    for (const k of [0, 17, 49]) {
      const at = 14 + k;
      const edited = Int32Array.from([...items.subarray(0, at), ...items.subarray(at + 1, 64)]);
      expect(Array.from(read.scores.allWithoutSlot(k))).toEqual(Array.from(sasrec.score(w, 0, edited)));
      // Not the window with a hole in it: purchase 13 enters, and position embeddings shift.
      const holed = Int32Array.from([...items.subarray(14, at), ...items.subarray(at + 1, 64)]);
      expect(Array.from(read.scores.allWithoutSlot(k))).not.toEqual(Array.from(sasrec.score(w, 0, holed)));
    }
    expect(() => read.scores.allWithoutSlot(50)).toThrow(RangeError);
  });

  it('reads nothing at step 0: every logit 0 and no slot', () => {
    const read = sasrecLeaveOutReader(sasrecParams(w), items)(0);
    expect(read.scores.slots).toBe(0);
    expect(read.slots).toEqual([]);
    expect(read.scores.logit.every((x) => x === 0)).toBe(true);
  });
});
