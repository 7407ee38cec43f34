import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { DuplicateIndex } from './duplicate-index';
import { GrowableFloat64, GrowableInt32 } from './growable';

describe('DuplicateIndex', () => {
  it('agrees with a naive set of string keys on a random log with many repeats, across growth', () => {
    const rng = new Rng(3);
    const user = new GrowableInt32();
    const item = new GrowableInt32();
    const time = new GrowableFloat64();
    const index = new DuplicateIndex(() => user.data, () => item.data, () => time.data);
    const naive = new Set<string>();
    let dups = 0;
    for (let k = 0; k < 50_000; k++) {
      const u = rng.int(50);
      const i = rng.int(40);
      const t = rng.next() < 0.1 ? NaN : rng.int(30) * 1000;
      const key = `${u},${i},${Number.isNaN(t) ? 'none' : t}`;
      const expected = naive.has(key);
      expect(index.seenOrAdd(user.length, u, i, t)).toBe(expected);
      if (expected) dups++;
      else {
        naive.add(key);
        user.push(u);
        item.push(i);
        time.push(t);
      }
    }
    expect(dups).toBeGreaterThan(1000);
    expect(user.length).toBe(naive.size);
  });
});
