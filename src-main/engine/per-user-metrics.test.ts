import { describe, expect, it } from 'vitest';
import type { Split, UserSequence } from '../core/dataset/split';
import { userMetrics } from '../core/eval/metrics';
import { evaluateSplit, type RankFn } from '../core/train/protocol';
import { meanMetrics, perUserTestMetrics } from './per-user-metrics';

const ITEMS = 40;

/** 600 users (more than one 256-user chunk), one with no test items, seeded item draws. */
function makeSplit(): Split {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const sequences: UserSequence[] = [];
  for (let u = 0; u < 600; u++) {
    const len = 10 + Math.floor(rnd() * 15);
    const items = Int32Array.from({ length: len }, () => Math.floor(rnd() * ITEMS));
    const trainLength = u === 17 ? len : Math.ceil(0.7 * len);
    sequences.push({ user: u, datasetUser: u, items, times: new Float64Array(len), trainLength });
  }
  return {
    options: { minUserEvents: 10, trainPercent: 70 },
    sequences,
    itemOf: Int32Array.from({ length: ITEMS }, (_, i) => i),
    userOf: Int32Array.from({ length: 600 }, (_, i) => i),
    events: sequences.reduce((a, q) => a + q.items.length, 0),
  };
}

/** A ranking that depends on the user and the memory, so every user's list differs. */
const rank: RankFn = (users, memories, excluded, n) =>
  Array.from(users, (u, j) => {
    const score = (i: number) => Math.sin(u * 7.1 + i * 1.3) + memories[j].reduce((a, m) => a + (m === i ? 0.5 : 0) + Math.cos(m + i) * 0.1, 0);
    const ex = new Set(excluded[j]);
    const order = Array.from({ length: ITEMS }, (_, i) => i).filter((i) => !ex.has(i));
    order.sort((a, b) => score(b) - score(a) || a - b);
    return Int32Array.from(order.slice(0, n));
  });

describe('perUserTestMetrics', () => {
  it('has per-user figures whose mean is exactly the protocol mean', () => {
    const split = makeSplit();
    const out = perUserTestMetrics(split, rank, 5, 3);
    const plain = evaluateSplit(split, rank, 5, 3, 'test');
    expect(out.evaluation).toEqual(plain);
    expect(out.users.length).toBe(599);
    expect(out.perUser.length).toBe(plain.users);
    expect([...out.users]).not.toContain(17);
    // Exactly, not close: same figures, same order of summation.
    expect(meanMetrics(out.perUser)).toEqual(plain.metrics);
    // Not a degenerate case: users differ.
    expect(new Set(out.perUser.map((m) => m.ndcg)).size).toBeGreaterThan(5);
    expect(plain.metrics.hr).toBeGreaterThan(0);
  });

  it("scores each user's list as userMetrics does against their test part", () => {
    const split = makeSplit();
    const out = perUserTestMetrics(split, rank, 5, 3);
    const k = 42;
    const s = split.sequences[out.users[k]];
    const ex = [...s.items.subarray(0, s.trainLength)];
    const mem = [...s.items.subarray(0, s.trainLength)].slice(-3);
    const top = rank(Int32Array.from([s.user]), [Int32Array.from(mem)], [Int32Array.from(new Set(ex))], 5)[0];
    expect(out.perUser[k]).toEqual(userMetrics(top, s.items.subarray(s.trainLength), 5));
  });
});
