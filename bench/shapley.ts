// Time per call of shapleyValues (exact Shapley values of the memory slots, 2^K subsets) at
// K = 5, 10, 15, 20 on random inputs: the cost one explained item adds to a step. The work does
// not depend on the values, only on K.
// Also the cost it adds to one explained step at K = 20 (top 5 and a why-not candidate), with
// Shapley values for none, the first (what the app's step view asks for) or every explained item.
// Run: npm run bench -- shapley   (or node --import tsx bench/shapley.ts)
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { explainStep, rumExplainInput, type ExplainOptions } from '../src-main/core/explain/explain-step';
import { ItemColumns } from '../src-main/core/model/rum-item/item-columns';
import { shapleyValues } from '../src-main/core/explain/shapley';
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
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

const STEP_ITEMS = 25_000;
const STEP_EVENTS = 200;

export interface StepTiming {
  what: string;
  steps: number;
  medianMs: number;
  p95Ms: number;
}

/** ms per explainStep at K = 20 on a 25,000-item model (D 32, random weights), under each Shapley choice. */
export function benchStepTimes(): StepTiming[] {
  const rng = new Rng(4);
  const params = initRumItemParams({ dim: 32, slots: 20, alpha: 0.2, beta: 1 }, 1, STEP_ITEMS, rng);
  const items = Int32Array.from({ length: STEP_EVENTS }, () => rng.int(STEP_ITEMS));
  const times = Float64Array.from({ length: STEP_EVENTS }, (_, t) => 1.6e12 + t * 86_400_000);
  const input = rumExplainInput(params, 0, items, times, new ItemColumns(params));
  const cases: { what: string; candidate?: number; options: ExplainOptions }[] = [
    { what: 'top 5, no Shapley values (shapleyFor: 0)', options: { shapleyFor: 0 } },
    { what: 'top 5, Shapley for the first (the step view)', options: { shapleyFor: 1 } },
    { what: 'top 5, Shapley for all five (CLI, reports)', options: {} },
    { what: 'top 5 + a why-not candidate, Shapley for all six', candidate: 7, options: {} },
  ];
  const out: StepTiming[] = [];
  // Steps 20..119: every one has a full memory of 20 slots.
  const steps = Array.from({ length: 100 }, (_, k) => 20 + k);
  for (const c of cases) {
    for (let t = 0; t < 5; t++) explainStep(input, 20 + t, 5, c.candidate, c.options); // warm-up
    const ms = steps.map((t) => {
      const start = performance.now();
      explainStep(input, t, 5, c.candidate, c.options);
      return performance.now() - start;
    });
    out.push({ what: c.what, steps: steps.length, medianMs: percentile(ms, 50), p95Ms: percentile(ms, 95) });
  }
  return out;
}

/** The figures as a BENCHMARKS.md section (bench/run.ts's `shapley`). */
export function benchShapley(): string {
  const rows = benchShapleyTimes();
  const steps = benchStepTimes();
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
    `One explained step at K = 20 (memory full), ${STEP_ITEMS.toLocaleString('en')} items, D 32: the memory, the top 5 with score splits, shares,`,
    `counterfactual logits and ranks, and Shapley values as stated. Aim for stepping: < 50 ms. Measured with a 1-minute load average of ${loadavg()[0].toFixed(1)}`,
    'on this machine: the differences between the rows are the Shapley cost, each row\'s level depends on the load.',
    '',
    '| explained | steps | median | p95 |',
    '|---|---|---|---|',
    ...steps.map((r) => `| ${r.what} | ${r.steps} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} |`),
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Machine: ${machineLine()}.\n`);
  console.log(benchShapley());
}
