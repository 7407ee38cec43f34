import { describe, expect, it } from 'vitest';
import { quantileRuns, sliceUsers, type UserFacts } from './slices';

const fact = (user: number, length: number, firstTime: number, train: number[], hit: boolean | null): UserFacts => ({ user, length, firstTime, trainItems: Int32Array.from(train), hit });

describe('slices of users', () => {
  it('cuts near-equal runs and never splits equal values', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    expect(quantileRuns(xs, (x) => x, 3)).toEqual([[1, 2], [3, 4], [5, 6]]);
    // The cut after the second 5 would split the 5s: it moves to the end of them.
    expect(quantileRuns([1, 5, 5, 5, 6, 7], (x) => x, 2)).toEqual([[1, 5, 5, 5], [6, 7]]);
    // All tied: one group, whatever the bins.
    expect(quantileRuns([4, 4, 4], (x) => x, 3)).toEqual([[4, 4, 4]]);
    expect(() => quantileRuns(xs, (x) => x, 0)).toThrow(RangeError);
  });

  const facts = [
    fact(0, 10, Date.UTC(2014, 0, 1), [1, 2], true),
    fact(1, 30, Date.UTC(2013, 5, 1), [3], false),
    fact(2, 12, Date.UTC(2015, 0, 1), [2, 7], false),
    fact(3, 50, NaN, [9], null),
  ];

  it('groups every user exactly once, for every rule', () => {
    for (const rule of [{ by: 'length', bins: 2 }, { by: 'hit' }, { by: 'first-date', bins: 2 }, { by: 'item', item: 2, name: 'x' }] as const) {
      const slices = sliceUsers(facts, rule);
      expect(slices.flatMap((s) => s.users).sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('names each group by what puts users in it', () => {
    expect(sliceUsers(facts, { by: 'length', bins: 2 })).toEqual([
      { name: '10–12 purchases', users: [0, 2] },
      { name: '30–50 purchases', users: [1, 3] },
    ]);
    expect(sliceUsers(facts, { by: 'hit' })).toEqual([
      { name: 'hit in the test (HR@N = 1)', users: [0] },
      { name: 'missed in the test (HR@N = 0)', users: [1, 2] },
      { name: 'no test part', users: [3] },
    ]);
    expect(sliceUsers(facts, { by: 'first-date', bins: 3 })).toEqual([
      { name: 'first bought 2013-06-01 to 2013-06-01', users: [1] },
      { name: 'first bought 2014-01-01 to 2014-01-01', users: [0] },
      { name: 'first bought 2015-01-01 to 2015-01-01', users: [2] },
      { name: 'first purchase time unknown', users: [3] },
    ]);
    expect(sliceUsers(facts, { by: 'item', item: 2, name: 'Strings' })).toEqual([
      { name: 'bought Strings in training', users: [0, 2] },
      { name: 'never bought Strings in training', users: [1, 3] },
    ]);
  });
});
