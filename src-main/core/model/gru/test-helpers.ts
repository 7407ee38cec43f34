// A slow, plain reference GRU for the tests (no shared code with kernel.ts or score.ts): the
// equations of params.ts written out on number arrays, one gate at a time.
import { GATE_NAMES, gateLayout, type GruTables } from './params';

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/** matrix name -> rows (row j = output unit j), bias name -> vector, read from the gate table. */
export function gateMatrices(t: GruTables): Record<string, number[][] | number[]> {
  const D = t.dim;
  const { W, U, b } = gateLayout(D);
  const out: Record<string, number[][] | number[]> = {};
  GATE_NAMES.forEach((g, k) => {
    const mat = (at: number) => Array.from({ length: D }, (_, j) => Array.from({ length: D }, (_, d) => t.gates[at + k * D * D + j * D + d]));
    out[`W${g}`] = mat(W);
    out[`U${g}`] = mat(U);
    out[`b${g}`] = Array.from({ length: D }, (_, j) => t.gates[b + k * D + j]);
  });
  return out;
}

function affine(m: number[][], v: number[]): number[] {
  return m.map((row) => row.reduce((s, w, d) => s + w * v[d], 0));
}

/** The state after `history` from h = 0 (negative ids skipped). */
export function referenceState(t: GruTables, history: ArrayLike<number>): number[] {
  const D = t.dim;
  const g = gateMatrices(t) as Record<string, number[][]> & Record<string, number[]>;
  let h = new Array<number>(D).fill(0);
  for (let s = 0; s < history.length; s++) {
    const v = history[s];
    if (v < 0) continue;
    const x = Array.from({ length: D }, (_, d) => t.item[v * D + d]);
    const wzx = affine(g.Wz as number[][], x);
    const uzh = affine(g.Uz as number[][], h);
    const wrx = affine(g.Wr as number[][], x);
    const urh = affine(g.Ur as number[][], h);
    const z = wzx.map((a, j) => sigmoid(a + uzh[j] + (g.bz as number[])[j]));
    const r = wrx.map((a, j) => sigmoid(a + urh[j] + (g.br as number[])[j]));
    const rh = r.map((rj, j) => rj * h[j]);
    const whx = affine(g.Wh as number[][], x);
    const uhrh = affine(g.Uh as number[][], rh);
    const n = whx.map((a, j) => Math.tanh(a + uhrh[j] + (g.bh as number[])[j]));
    h = h.map((hj, j) => z[j] * hj + (1 - z[j]) * n[j]);
  }
  return h;
}

/** Every item's score after `history`. */
export function referenceScores(t: GruTables, history: ArrayLike<number>): number[] {
  const D = t.dim;
  const h = referenceState(t, history);
  return Array.from({ length: t.nItems }, (_, i) => h.reduce((s, hd, d) => s + hd * t.item[i * D + d], 0));
}
