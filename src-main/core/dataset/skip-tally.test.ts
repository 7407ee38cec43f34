import { describe, expect, it } from 'vitest';
import { DUPLICATE_DETAIL, SkipTally } from './skip-tally';

describe('SkipTally', () => {
  it('puts duplicates, found only at the end, where they were met: in the order of reasons and among the examples', () => {
    const tally = new SkipTally();
    tally.add(4, 'bad-rating', 'r');
    tally.add(9, 'missing-id', 'm');
    tally.add(12, 'bad-rating', 'r');
    const { skipped, examples } = tally.summary({ count: 3, lines: [2, 10, 11] });
    expect(JSON.stringify(skipped)).toBe('{"duplicate":3,"bad-rating":2,"missing-id":1}');
    expect(examples.map((e) => `${e.line} ${e.reason}`)).toEqual(['2 duplicate', '4 bad-rating', '9 missing-id', '10 duplicate', '11 duplicate', '12 bad-rating']);
    expect(examples[0].detail).toBe(DUPLICATE_DETAIL);
    expect(tally.total).toBe(3);
  });

  it('keeps the first 20 examples in file order, and the order of reasons without duplicates', () => {
    const tally = new SkipTally();
    for (let line = 2; line < 40; line++) tally.add(line, line % 2 ? 'bad-json' : 'wrong-field-count', '');
    const none = tally.summary({ count: 0, lines: [] });
    expect(Object.keys(none.skipped)).toEqual(['wrong-field-count', 'bad-json']);
    const some = tally.summary({ count: 25, lines: Array.from({ length: 20 }, (_, k) => 100 + k) });
    expect(Object.keys(some.skipped)).toEqual(['wrong-field-count', 'bad-json', 'duplicate']);
    expect(some.examples.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, k) => k + 2));
  });
});
