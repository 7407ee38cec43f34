// Scoring against the plain reference GRU (test-helpers.ts), the timeline walk against scoring
// each prefix, and the ranking against the scores.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { initGruParams } from './params';
import { rankAllUsers, scoreAllItems, timelineScores } from './score';
import { referenceScores } from './test-helpers';

// Gates drawn large (initGruParams has N(0, 1/D)) and items at scale 0.7, so the nonlinearities are exercised.
const params = initGruParams(5, 13, new Rng(9), 0.7);

describe('GRU scoring', () => {
  it('equals a plain reference GRU, padding skipped; no history scores every item 0 (h_0 = 0)', () => {
    for (const history of [[4, 9, -1, 2, 7, 7, 0], [12], [3, -1]]) {
      const got = scoreAllItems(params, history);
      const want = referenceScores(params, history);
      expect(got).toHaveLength(13);
      for (let i = 0; i < 13; i++) expect(Math.abs(got[i] - want[i]), `item ${i}`).toBeLessThan(1e-6);
    }
    expect(Array.from(scoreAllItems(params, []))).toEqual(new Array(13).fill(0));
    expect(() => scoreAllItems(params, [13])).toThrow(/history item id 13 outside 0..12/);
  });

  it('walks a timeline step by step, and back, with the scores of each prefix', () => {
    const items = Int32Array.of(1, 5, 5, 11, 0, 3, 8);
    const walk = timelineScores(params, items);
    const out = new Float32Array(13);
    for (const t of [0, 1, 2, 5, 7, 3, 4]) expect(Array.from(walk(t, out))).toEqual(Array.from(scoreAllItems(params, items.subarray(0, t))));
    expect(() => walk(8, out)).toThrow(/step 8 outside/);
  });

  it('ranks the best scores among the items not excluded, per user', () => {
    const rank = rankAllUsers(params);
    const memories = [Int32Array.of(2, 4, 6), Int32Array.of(), Int32Array.of(12, 1)];
    const excluded = [Int32Array.of(2, 4, 6), Int32Array.of(0), Int32Array.of()];
    const top = rank(Int32Array.of(0, 1, 2), memories, excluded, 4);
    memories.forEach((m, j) => {
      const s = scoreAllItems(params, m);
      const want = Array.from(s.keys())
        .filter((i) => !excluded[j].includes(i))
        .sort((a, b) => s[b] - s[a] || a - b)
        .slice(0, 4);
      expect(Array.from(top[j])).toEqual(want);
    });
    expect(() => rank(Int32Array.of(0), [], [], 3)).toThrow(/same length/);
  });
});
