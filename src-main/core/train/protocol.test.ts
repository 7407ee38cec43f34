import { describe, expect, it } from 'vitest';
import type { Split, UserSequence } from '../dataset/split';
import { evaluateSplit, type RankFn } from './protocol';

function seq(user: number, items: number[], trainLength: number): UserSequence {
  return { user, datasetUser: user, items: Int32Array.from(items), times: new Float64Array(items.length), trainLength };
}

const split: Split = {
  options: { minUserEvents: 1, trainPercent: 70 },
  sequences: [seq(0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 7), seq(1, [9, 8, 9, 7, 6], 3)],
  itemOf: Int32Array.from({ length: 12 }, (_, i) => i),
  userOf: Int32Array.from([0, 1]),
  events: 15,
};

describe('evaluateSplit (the paper protocol)', () => {
  it('ranks with the memory at the end of training, excluding training items, against the test part', () => {
    const calls: { users: number[]; memories: number[][]; excluded: number[][] }[] = [];
    // A fixed ranking: items 11, 10, 9, ... minus exclusions.
    const rank: RankFn = (users, memories, excluded, n) => {
      calls.push({ users: [...users], memories: memories.map((m) => [...m]), excluded: excluded.map((e) => [...e]) });
      return excluded.map((ex) => Int32Array.from([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].filter((i) => !ex.includes(i)).slice(0, n)));
    };
    const ev = evaluateSplit(split, rank, 5, 3, 'test');
    expect(calls[0].users).toEqual([0, 1]);
    expect(calls[0].memories).toEqual([
      [4, 5, 6],
      [9, 8, 9],
    ]);
    expect(calls[0].excluded).toEqual([
      [0, 1, 2, 3, 4, 5, 6],
      [8, 9],
    ]);
    // user 0: R = [11,10,9,8,7], T = {7,8,9}: 3 hits at ranks 3,4,5.
    //   P = 3/5, R = 1, F1 = 0.75, NDCG = (1/log2 4 + 1/log2 5 + 1/log2 6) / (1 + 1/log2 3 + 1/log2 4)
    // user 1: R = [11,10,7,6,5], T = {7,6}: hits at ranks 3,4.
    //   P = 2/5, R = 1, F1 = 4/7, NDCG = (1/log2 4 + 1/log2 5) / (1 + 1/log2 3)
    const l = Math.log2;
    const ndcg0 = (1 / l(4) + 1 / l(5) + 1 / l(6)) / (1 + 1 / l(3) + 1 / l(4));
    const ndcg1 = (1 / l(4) + 1 / l(5)) / (1 + 1 / l(3));
    expect(ev.users).toBe(2);
    expect(ev.metrics.precision).toBeCloseTo((3 / 5 + 2 / 5) / 2, 12);
    expect(ev.metrics.recall).toBeCloseTo(1, 12);
    expect(ev.metrics.f1).toBeCloseTo((0.75 + 4 / 7) / 2, 12);
    expect(ev.metrics.hr).toBe(1);
    expect(ev.metrics.ndcg).toBeCloseTo((ndcg0 + ndcg1) / 2, 12);
  });

  it('validates on the held-out end of the training part, with the memory before it', () => {
    let seen: number[][] = [];
    let excludedSeen: number[][] = [];
    const rank: RankFn = (_u, memories, excluded, n) => {
      seen = memories.map((m) => [...m]);
      excludedSeen = excluded.map((e) => [...e]);
      return excluded.map(() => new Int32Array(n));
    };
    evaluateSplit(split, rank, 5, 2, { validationFitEnd: Int32Array.from([6, 2]) });
    expect(seen).toEqual([
      [4, 5],
      [9, 8],
    ]);
    expect(excludedSeen).toEqual([[0, 1, 2, 3, 4, 5], [8, 9]]);
  });
});
