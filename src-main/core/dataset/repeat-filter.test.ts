import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { RepeatFilter } from './repeat-filter';

describe('RepeatFilter', () => {
  it('never calls a repeated key new (no time included), and calls few new keys seen at 32 bits a key', () => {
    const rng = new Rng(9);
    const filter = new RepeatFilter(32 * 100_000);
    const keys = new Set<string>();
    let falseSeen = 0;
    for (let k = 0; k < 100_000; k++) {
      const u = rng.int(5000);
      const i = rng.int(3000);
      const t = rng.next() < 0.05 ? NaN : 1_500_000_000_000 + 1000 * rng.int(10_000) + (rng.next() < 0.1 ? 0.5 : 0);
      const key = `${u},${i},${t}`;
      const maybe = filter.addMaybeSeen(u, i, t);
      if (keys.has(key)) expect(maybe).toBe(true);
      else if (maybe) falseSeen++;
      keys.add(key);
    }
    // 1 in 1,400 expected when full; the filter fills as it goes, so fewer.
    expect(falseSeen).toBeLessThan(100);
  });
});
