// Time per call of shapleyValues (exact Shapley values of the memory slots, 2^K subsets) at
// K = 5, 10, 15, 20 on random inputs: the cost one explained item adds to a step. The work does
// not depend on the values, only on K.
// Run: node --import tsx bench/shapley.ts        (not yet a section of bench/run.ts)
import { pathToFileURL } from 'node:url';
import { shapleyValues } from '../src-main/core/explain/shapley';
import { Rng } from '../src-main/core/random';
import { machineLine } from './machine';

const SIZES = [5, 10, 15, 20];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export interface ShapleyTiming {
  K: number;
  calls: number;
  medianMs: number;
  p95Ms: number;
}

export function benchShapleyTimes(): ShapleyTiming[] {
  const rng = new Rng(20);
  const out: ShapleyTiming[] = [];
  for (const K of SIZES) {
    // Enough calls for a stable p95 while each size stays within a few seconds.
    const calls = K <= 10 ? 5000 : K === 15 ? 500 : 100;
    const cases = Array.from({ length: 16 }, () => {
      const w = Array.from({ length: K }, () => rng.normal());
      return { w, d: w, alpha: 0.2, beta: 1 + rng.next() };
    });
    let sink = 0;
    for (let i = 0; i < Math.min(calls, 20); i++) sink += shapleyValues(cases[i % 16].w, cases[i % 16].d, 0.2, 1)[0]; // warm-up
    const ms: number[] = [];
    for (let i = 0; i < calls; i++) {
      const c = cases[i % 16];
      const start = performance.now();
      sink += shapleyValues(c.w, c.d, c.alpha, c.beta)[0];
      ms.push(performance.now() - start);
    }
    if (!Number.isFinite(sink)) throw new Error('non-finite Shapley value');
    out.push({ K, calls, medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95) });
  }
  return out;
}

/** The figures as a BENCHMARKS.md section, for when bench/run.ts takes this in. */
export function benchShapley(): string {
  const rows = benchShapleyTimes();
  const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
  return [
    '## Exact Shapley values of the memory slots',
    '',
    'One call = the exact Shapley value of every slot for one explained item (2^K subsets, running sums; random inputs).',
    '',
    '| K | subsets | calls | median | p95 |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.K} | ${(2 ** r.K).toLocaleString('en')} | ${r.calls} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} |`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Machine: ${machineLine()}.\n`);
  console.log(benchShapley());
}
