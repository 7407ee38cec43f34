import { describe, expect, it } from 'vitest';
import { rumStepScores } from './step-scores';
import { memoryBefore } from '../memory';
import { Rng } from '../../random';
import { rumItemForward } from './forward';
import { initRumItemParams } from './params';
import { EXP_SAFE, ItemColumns } from './item-columns';

function setup(beta: number, scale = 0.5) {
  const rng = new Rng(11);
  const params = initRumItemParams({ dim: 7, slots: 6, alpha: 0.8, beta }, 3, 50, rng, scale);
  const items = Int32Array.from({ length: 40 }, () => rng.int(50));
  items[10] = items[9]; // a repeat inside one memory
  return { params, items };
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

describe('ItemColumns', () => {
  it('a column is the same bits whether computed alone, among others, or kept from an earlier step', () => {
    const { params } = setup(1);
    const alone = new ItemColumns(params, 0).columnsFor([7])[0];
    const grouped = new ItemColumns(params, 0).columnsFor([3, 7, 9, 12, 20])[1];
    // The fifth of those is computed alone, the first four in one pass: the same bits as alone.
    const fifthAlone = new ItemColumns(params, 0).columnsFor([20])[0];
    const fifth = new ItemColumns(params, 0).columnsFor([3, 7, 9, 12, 20])[4];
    expect(Array.from(fifth.dot)).toEqual(Array.from(fifthAlone.dot));
    const firstAlone = new ItemColumns(params, 0).columnsFor([3])[0];
    expect(Array.from(new ItemColumns(params, 0).columnsFor([3, 7, 9, 12])[0].dot)).toEqual(Array.from(firstAlone.dot));
    const cache = new ItemColumns(params);
    cache.columnsFor([7, 8]);
    const kept = cache.columnsFor([7])[0];
    expect(Array.from(grouped.dot)).toEqual(Array.from(alone.dot));
    expect(Array.from(kept.dot)).toEqual(Array.from(alone.dot));
    expect(Array.from(kept.exp!)).toEqual(Array.from(alone.exp!));
    // And the numbers are q_i . q_7 and their exponentials.
    const { dim } = params.config;
    for (let i = 0; i < params.nItems; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += params.item[i * dim + d] * params.item[7 * dim + d];
      close(alone.dot[i], s);
      close(alone.exp![i], Math.exp(s));
    }
  });

  it('keeps the most recently used columns within its budget', () => {
    const { params } = setup(1);
    const bytes = 16 * params.nItems;
    const cache = new ItemColumns(params, 2 * bytes);
    const [a] = cache.columnsFor([1]);
    const [b] = cache.columnsFor([2]);
    expect(cache.columnsFor([1])[0]).toBe(a); // kept, and now the most recent
    cache.columnsFor([3]); // drops 2, the least recently used
    expect(cache.columnsFor([1])[0]).toBe(a);
    expect(cache.columnsFor([2])[0]).not.toBe(b);
  });

  it('leaves the exponentials out of a column where beta q.q passes +-EXP_SAFE', () => {
    const { params } = setup(EXP_SAFE * 10, 1);
    const cols = new ItemColumns(params, 0).columnsFor([0, 1, 2]);
    expect(cols.some((c) => c.exp === null)).toBe(true);
  });

  for (const beta of [1, 5000]) {
    it(`StepScores stepping through a timeline on one cache equals the reference at every step (beta ${beta})`, () => {
      // beta 5000 overflows exp unshifted: StepScores must then shift per item, as softmaxExp does.
      const { params, items } = setup(beta);
      const cache = new ItemColumns(params, 16 * params.nItems * 8);
      for (let t = 0; t <= items.length; t += 3) {
        const memory = memoryBefore(items, t, params.config.slots);
        const s = rumStepScores(params, 2, memory, cache);
        const fresh = rumStepScores(params, 2, memory);
        expect(Array.from(s.logit)).toEqual(Array.from(fresh.logit));
        for (let i = 0; i < params.nItems; i += 7) {
          const f = rumItemForward(params, 2, memory, i);
          close(s.logit[i], f.logit);
          s.attention(i).forEach((z, k) => close(z, f.attention[k]));
          for (let k = 0; k < s.slots; k++) {
            const rest = [...memory.slice(0, k), ...memory.slice(k + 1)];
            close(s.allWithoutSlot(k)[i], rumItemForward(params, 2, rest, i).logit);
          }
        }
      }
    });
  }
});
