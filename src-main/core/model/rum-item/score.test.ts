import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { initRumItemParams, type RumItemParams } from './params';
import { logitWithAttention } from './kernel';
import { scoreAllItems } from './score';

const K = 5;

const logitOf = (params: RumItemParams, user: number, memory: number[], item: number) =>
  logitWithAttention(params, user, memory, item).logit;

// A larger init scale than training uses, so the attention is far from uniform and a wrong
// softmax would show.
function model(alpha = 0.7, beta = 2.5, seed = 1): RumItemParams {
  return initRumItemParams({ dim: 7, slots: K, alpha, beta }, 4, 40, new Rng(seed), 0.8);
}

function memoryOf(rng: Rng, params: RumItemParams, length: number): number[] {
  return Array.from({ length }, () => rng.int(params.nItems));
}

describe('scoreAllItems', () => {
  const params = model();
  const rng = new Rng(7);

  for (const length of [0, 1, 3, K]) {
    it(`equals logitOf for every item with ${length} memory items`, () => {
      for (let u = 0; u < params.nUsers; u++) {
        const memory = memoryOf(rng, params, length);
        const scores = scoreAllItems(params, u, memory);
        expect(scores.length).toBe(params.nItems);
        for (let i = 0; i < params.nItems; i++) expect(scores[i]).toBeCloseTo(logitOf(params, u, memory, i), 5);
      }
    });
  }

  it('reads memory as the kernel does: padding skipped, only the last K real items', () => {
    const memory = [-1, 3, 9, -1, 12, 20, 21, 22, 23, -1];
    const scores = scoreAllItems(params, 2, memory);
    for (let i = 0; i < params.nItems; i++) expect(scores[i]).toBeCloseTo(logitOf(params, 2, memory, i), 5);
    const lastK = scoreAllItems(params, 2, [12, 20, 21, 22, 23]);
    expect(Array.from(scores)).toEqual(Array.from(lastK));
  });

  it('writes into a given buffer and returns it', () => {
    const out = new Float32Array(params.nItems + 3);
    expect(scoreAllItems(params, 0, [1, 2], out)).toBe(out);
    expect(out[5]).toBeCloseTo(logitOf(params, 0, [1, 2], 5), 5);
  });

  it('rejects a buffer too small or an unknown user', () => {
    expect(() => scoreAllItems(params, 0, [], new Float32Array(3))).toThrow(/out has/);
    expect(() => scoreAllItems(params, params.nUsers, [])).toThrow(/user id/);
    expect(() => scoreAllItems(params, 0, [params.nItems])).toThrow(/memory item/);
  });
});

describe('logitWithAttention, the breakdown the explanation views show', () => {
  const params = model(0.4, 1.5, 3);
  const rng = new Rng(11);
  const { dim } = params.config;
  const dotItems = (m: number, i: number) => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += params.item[m * dim + d] * params.item[i * dim + d];
    return s;
  };

  it('splits the logit into intrinsic + memory, with attention summing to 1 over filled slots', () => {
    for (const length of [1, 3, K]) {
      const memory = memoryOf(rng, params, length);
      for (let i = 0; i < params.nItems; i += 3) {
        const parts = logitWithAttention(params, 1, memory, i);
        expect(parts.intrinsic + parts.memoryTerm).toBeCloseTo(parts.logit, 12);
        expect(parts.attention).toHaveLength(length);
        expect(parts.attention.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        const weighted = memory.reduce((s, m, k) => s + parts.attention[k] * dotItems(m, i), 0);
        expect(parts.memoryTerm).toBeCloseTo(params.config.alpha * weighted, 6);
      }
    }
  });

  it('has a zero memory part for an empty memory', () => {
    const empty = logitWithAttention(params, 0, [], 6);
    expect(empty.memoryTerm).toBe(0);
    expect(Array.from(empty.attention)).toEqual([]);
    expect(empty.logit).toBe(empty.intrinsic);
  });

  it('is plain MF when alpha = 0', () => {
    const mf = model(0, 1.5, 3);
    const memory = memoryOf(rng, mf, K);
    const scores = scoreAllItems(mf, 2, memory);
    for (let i = 0; i < mf.nItems; i++) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += mf.user[2 * dim + d] * mf.item[i * dim + d];
      const parts = logitWithAttention(mf, 2, memory, i);
      expect(parts.memoryTerm).toBe(0);
      expect(parts.logit).toBeCloseTo(dot, 6);
      expect(scores[i]).toBeCloseTo(dot, 5);
    }
  });
});
