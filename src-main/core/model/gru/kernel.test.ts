// The hand-written backward pass against finite differences of the loss, in float64, for every
// parameter group (each gate matrix and bias, the item table), and the loss itself against the
// plain reference GRU (test-helpers.ts).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { accumulateBatch, GruScratch, lossAndGradients, type GruBatch } from './kernel';
import { GATE_NAMES, gateLayout, type GruTables } from './params';
import { referenceState } from './test-helpers';

const D = 3;
const N = 7;

function tables(seed: number, scale: number): GruTables {
  const rng = new Rng(seed);
  const item = Float64Array.from({ length: N * D }, () => rng.normal() * scale);
  const gates = Float64Array.from({ length: gateLayout(D).size }, () => rng.normal() * scale);
  return { dim: D, nItems: N, item, gates };
}

// Two users trained on 5 and 4 purchases (4 + 3 examples), one on a single purchase (no example),
// two negatives per position; item 2 repeats within and across sequences.
function batch(): GruBatch {
  const sequences = [Int32Array.of(0, 2, 4, 2, 5, 6), Int32Array.of(3, 1, 2, 6), Int32Array.of(5)];
  const candidates = Int32Array.of(
    ...[-1, 1, 6, -1, 3, 3, -1, 0, 1, -1, 4, 1], // user 0, positions 1..4 (candidate 0 is not read)
    ...[-1, 0, 5, -1, 4, 5, -1, 2, 3], // user 1, positions 1..3
  );
  return { count: 3, sequences, lengths: Int32Array.of(5, 4, 1), candidates, candidatesPerExample: 3 };
}

function lossOf(t: GruTables, b: GruBatch, l2: number): number {
  return accumulateBatch(t, b, l2, new GruScratch(t));
}

/** Central differences of every entry of `table`, against `analytic`. */
function checkGroup(t: GruTables, table: Float64Array, from: number, to: number, analytic: Float64Array, l2: number, what: string): void {
  const eps = 1e-6;
  for (let k = from; k < to; k++) {
    const keep = table[k];
    table[k] = keep + eps;
    const up = lossOf(t, batch(), l2);
    table[k] = keep - eps;
    const down = lossOf(t, batch(), l2);
    table[k] = keep;
    const numeric = (up - down) / (2 * eps);
    expect(Math.abs(numeric - analytic[k]), `${what}[${k - from}]: numeric ${numeric}, analytic ${analytic[k]}`).toBeLessThan(1e-8 + 1e-6 * Math.abs(numeric));
  }
}

describe('GRU kernel gradients', () => {
  for (const l2 of [0, 0.05]) {
    it(`match finite differences for every gate matrix, bias and the item table (l2 = ${l2})`, () => {
      // Large enough weights that the gates saturate partly and every nonlinearity matters.
      const t = tables(11, 0.8);
      const g = lossAndGradients(t, batch(), l2);
      expect(Number.isFinite(g.loss)).toBe(true);
      // Every group has a gradient somewhere (none is silently cut off).
      const { W, U, b } = gateLayout(D);
      const DD = D * D;
      const groups: [string, number, number][] = [];
      GATE_NAMES.forEach((name, k) => groups.push([`W${name}`, W + k * DD, W + (k + 1) * DD], [`U${name}`, U + k * DD, U + (k + 1) * DD], [`b${name}`, b + k * D, b + (k + 1) * D]));
      for (const [name, from, to] of groups) {
        expect(g.gates.subarray(from, to).some((x) => Math.abs(x) > 1e-6), name).toBe(true);
        checkGroup(t, t.gates as Float64Array, from, to, g.gates, l2, name);
      }
      checkGroup(t, t.item as Float64Array, 0, N * D, g.item, l2, 'item');
    });
  }

  it('gives the loss of the reference GRU: mean BPR over positions and negatives, plus l2 per row occurrence and per example on the gates', () => {
    const t = tables(4, 0.6);
    const b = batch();
    const l2 = 0.03;
    const C = b.candidatesPerExample;
    let bpr = 0;
    let sq = 0;
    let E = 0;
    const norm = (i: number) => Array.from(t.item.subarray(i * D, (i + 1) * D)).reduce((s, x) => s + x * x, 0);
    let e = 0;
    for (let u = 0; u < b.count; u++) {
      const seq = b.sequences[u];
      for (let pos = 1; pos < b.lengths[u]; pos++, e++) {
        E++;
        const h = referenceState(t, seq.subarray(0, pos));
        const logit = (i: number) => h.reduce((s, hd, d) => s + hd * t.item[i * D + d], 0);
        sq += norm(seq[pos - 1]) + norm(seq[pos]);
        for (let c = 1; c < C; c++) {
          const neg = b.candidates[e * C + c];
          bpr += -Math.log(1 / (1 + Math.exp(-(logit(seq[pos]) - logit(neg)))));
          sq += norm(neg);
        }
      }
    }
    const gsq = Array.from(t.gates).reduce((s, x) => s + x * x, 0);
    const want = (bpr + l2 * (sq + E * gsq)) / (E * C);
    expect(lossOf(t, b, l2)).toBeCloseTo(want, 12);
  });

  it('accumulates a row once however often a batch touches it, and reuses its scratch across batches', () => {
    const t = tables(2, 0.5);
    const s = new GruScratch(t);
    const first = accumulateBatch(t, batch(), 0.01, s);
    expect(new Set(s.item.rows.subarray(0, s.item.count)).size).toBe(s.item.count);
    expect(accumulateBatch(t, batch(), 0.01, s)).toBe(first);
    const dense = lossAndGradients(t, batch(), 0.01);
    for (let k = 0; k < s.item.count; k++) {
      const row = s.item.rows[k];
      expect(Array.from(s.item.grad.subarray(k * D, (k + 1) * D))).toEqual(Array.from(dense.item.subarray(row * D, (row + 1) * D)));
    }
  });
});
