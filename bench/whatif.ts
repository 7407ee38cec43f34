// What-if answer time (issue 14): on a 25,000-item model at K = 20, D 32, a user of 200
// purchases, one purchase removed from the memory at each of 100 steps (the before and after
// explanations, Shapley values for the first recommendation of each, and the rank moves: what
// the app's What if card asks), then the minimal counterfactual of the top item. Random weights:
// the work per answer does not depend on their values, except how soon the minimal search stops.
import { benchModel } from './bench-model';
import { loadavg } from 'node:os';
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
import { Rng } from '../src-main/core/random';
import { whatIf } from '../src-main/engine/whatif';

const ITEMS = 25_000;
const EVENTS = 200;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function benchWhatIf(): Promise<string> {
  const rng = new Rng(5);
  const params = initRumItemParams({ dim: 32, slots: 20, alpha: 0.2, beta: 1 }, 1, ITEMS, rng);
  const items = Int32Array.from({ length: EVENTS }, () => rng.int(ITEMS));
  const times = Float64Array.from({ length: EVENTS }, (_, t) => 1.6e12 + t * 86_400_000);
  const model = benchModel(params, items, times, 140, (i) => `Product ${i}`);
  for (let t = 30; t < 40; t++) whatIf(model, 'bench-user', { step: t, edits: [{ remove: t - 3 }] }); // warm-up
  const ms: number[] = [];
  const minimalMs: number[] = [];
  for (let t = 50; t < 150; t++) {
    let start = performance.now();
    const r = whatIf(model, 'bench-user', { step: t, edits: [{ remove: t - 1 - rng.int(20) }] });
    ms.push(performance.now() - start);
    if (t % 10 === 0) {
      start = performance.now();
      whatIf(model, 'bench-user', { step: t, edits: [], minimal: r.before.recommendations[0].item });
      minimalMs.push(performance.now() - start);
    }
  }
  return [
    '## What-if',
    '',
    `Item-level RUM, ${ITEMS.toLocaleString('en')} items, D 32, K 20, random weights; one purchase removed at each of 100 steps of a ${EVENTS}-purchase user (engine/whatif.ts:`,
    'the explanation before and after, each with Shapley values for its first recommendation, and every rank move). 1-minute load average at the end:',
    `${loadavg()[0].toFixed(1)}.`,
    '',
    '| answer | median | p95 | max |',
    '|---|---|---|---|',
    `| what-if, one purchase removed | ${percentile(ms, 50).toFixed(1)} ms | ${percentile(ms, 95).toFixed(1)} ms | ${Math.max(...ms).toFixed(1)} ms |`,
    `| minimal counterfactual of the top item (every set of 1 to 3 of the 20 memory purchases removed from the history until one takes it out, up to 1,350 sets, each ranking only the items whose bound reaches the target) | ${percentile(minimalMs, 50).toFixed(0)} ms | ${percentile(minimalMs, 95).toFixed(0)} ms | ${Math.max(...minimalMs).toFixed(0)} ms |`,
    '',
    'Aim: what-if p95 under 100 ms.',
    '',
  ].join('\n');
}
