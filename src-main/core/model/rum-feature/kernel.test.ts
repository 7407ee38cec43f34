// The BPTT kernel's gradients against central finite differences of its own loss, in float64,
// for every parameter group; and its loss against the reference forward (forward.ts).
import { describe, expect, it } from 'vitest';
import { memoryAfter, readCandidate } from './forward';
import { lossAndGradients, type DenseGradients } from './kernel';
import type { RumFeatureParams } from './params';
import { batchOf, randomParams, toFloat64 } from './test-helpers';

const GROUPS = ['user', 'item', 'keys', 'erase', 'eraseBias', 'add', 'addBias'] as const;

function checkGradients(p: RumFeatureParams<Float64Array>, l2: number, users: number[], seqs: number[][], C: number): number {
  const batch = batchOf(users, seqs, p.nItems, C, 9);
  const { grads } = lossAndGradients(p, batch, l2);
  const h = 1e-6;
  let worst = 0;
  let checked = 0;
  for (const g of GROUPS) {
    const table = p[g];
    const analytic = (grads as DenseGradients)[g];
    expect(analytic.length, g).toBe(table.length);
    for (let x = 0; x < table.length; x++) {
      const keep = table[x];
      table[x] = keep + h;
      const up = lossAndGradients(p, batch, l2).loss;
      table[x] = keep - h;
      const down = lossAndGradients(p, batch, l2).loss;
      table[x] = keep;
      const numeric = (up - down) / (2 * h);
      const err = Math.abs(numeric - analytic[x]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic[x]));
      worst = Math.max(worst, err);
      expect(err, `${g}[${x}]: numeric ${numeric}, analytic ${analytic[x]}`).toBeLessThan(1e-5);
      if (analytic[x] !== 0) checked++;
    }
  }
  return checked;
}

describe('feature-level RUM training kernel', () => {
  it('has the gradients of its loss in every parameter group (finite differences, float64, through time)', () => {
    const p = toFloat64(randomParams({ dim: 3, slots: 2, alpha: 0.8, beta: 1.5 }, 3, 7, 1));
    // Two users, sequences of 5 and 3 with a repeat, 3 candidates a position; L2 on.
    const nonZero = checkGradients(p, 0.05, [0, 2], [[1, 4, 4, 0, 6], [2, 5, 3]], 3);
    expect(nonZero).toBeGreaterThan(40);
  });

  it('has the right gradients with more slots than dimensions and a negative alpha, no L2', () => {
    const p = toFloat64(randomParams({ dim: 2, slots: 3, alpha: -0.6, beta: 0.7 }, 2, 5, 4));
    checkGradients(p, 0, [1], [[0, 3, 1, 4, 2, 3]], 2);
  });

  it('gives no gradient to the memory tables when alpha = 0 (plain MF), and MF gradients to the rest', () => {
    const p = toFloat64(randomParams({ dim: 3, slots: 2, alpha: 0, beta: 1 }, 2, 6, 2));
    checkGradients(p, 0.01, [0, 1], [[1, 2, 3], [4, 5]], 2);
    const { grads } = lossAndGradients(p, batchOf([0, 1], [[1, 2, 3], [4, 5]], 6, 2, 9), 0);
    for (const g of ['keys', 'erase', 'eraseBias', 'add', 'addBias'] as const) expect(grads[g].every((x) => x === 0), g).toBe(true);
  });

  it('computes the loss of the reference forward: mean BCE over positions and candidates, memory written after each position', () => {
    const p = toFloat64(randomParams({ dim: 4, slots: 3, alpha: 0.5, beta: 2 }, 2, 8, 7));
    const seqs = [[3, 1, 7, 1], [0, 6]];
    const C = 3;
    const batch = batchOf([1, 0], seqs, 8, C, 5);
    let sum = 0;
    let pos = 0;
    seqs.forEach((seq, j) => {
      for (let t = 0; t < seq.length; t++, pos++) {
        const M = memoryAfter(p, seq.slice(0, t));
        for (let c = 0; c < C; c++) {
          const x = readCandidate(p, [1, 0][j], M, batch.candidates[pos * C + c]).logit;
          const y = batch.labels[pos * C + c];
          sum += Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0) - y * x;
        }
      }
    });
    expect(lossAndGradients(p, batch, 0).loss).toBeCloseTo(sum / (6 * C), 12);
  });
});
