import { benchModel } from './bench-model';
import { cpus, loadavg } from 'node:os';
// Milliseconds per explained step on a 25,000-item model, and report sizes and times for a user
// with 200 purchases. Random weights: the work per step does not depend on their values.
import { explainStep, rumExplainInput } from '../src-main/core/explain/explain-step';
import { ItemColumns } from '../src-main/core/model/rum-item/item-columns';
import { initRumItemParams } from '../src-main/core/model/rum-item/params';
import { Rng } from '../src-main/core/random';
import { renderCsv } from '../src-main/report/csv';
import { renderHtml } from '../src-main/report/html';
import { renderPdf } from '../src-main/report/pdf';
import { buildReportData } from '../src-main/report/report-data';

const ITEMS = 25_000;
const EVENTS = 200;
const DIM = 32;
const K = 20;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export async function benchExplain(): Promise<string> {
  const rng = new Rng(4);
  const params = initRumItemParams({ dim: DIM, slots: K, alpha: 0.2, beta: 1 }, 1, ITEMS, rng);
  const items = Int32Array.from({ length: EVENTS }, () => rng.int(ITEMS));
  const times = Float64Array.from({ length: EVENTS }, (_, t) => 1.6e12 + t * 86_400_000);
  // Steps walked in order on one column cache, as the app's services do (item-columns.ts).
  const input = rumExplainInput(params, 0, items, times, new ItemColumns(params));
  // The same work as before issue 11: no Shapley values (the shapley section measures their cost).
  for (let t = 0; t < 10; t++) explainStep(input, t * 10, 5, undefined, { shapleyFor: 0 }); // warm-up
  const ms: number[] = [];
  for (let t = 0; t <= EVENTS; t++) {
    const start = performance.now();
    explainStep(input, t, 5, undefined, { shapleyFor: 0 });
    ms.push(performance.now() - start);
  }

  const model = benchModel(params, items, times, 140, (i) => `Product number ${i} with a realistic title length`);
  const timed = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const v = await f();
    return [v, (performance.now() - start) / 1000];
  };
  const [data, dataSeconds] = await timed(() => buildReportData(model, 'bench-user'));
  const [json, jsonSeconds] = await timed(() => JSON.stringify(data, null, 1));
  const [html, htmlSeconds] = await timed(() => renderHtml(data));
  const [csv, csvSeconds] = await timed(() => renderCsv(data));
  const [pdf, pdfSeconds] = await timed(() => renderPdf(renderHtml(data, { openAll: true })));
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  const median = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  console.error(`explain: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  return [
    '## Explanations and reports (issue 5)',
    '',
    `One explained step = the memory, the top 5 of all ${ITEMS.toLocaleString('en')} items, and for each the score split, every slot's`,
    `share, the logit and the re-computed rank without each slot (D ${DIM}, K ${K}; computed live in plain JS, float64; steps taken in order, as the app steps, on the model's column cache, so each step computes one new memory column: docs/model.md, "How it is computed");`,
    `without Shapley values, whose cost the Shapley section gives. Load average when measured: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores.`,
    '',
    '| figure | value | aim |',
    '|---|---|---|',
    `| ms per explained step, median (${ms.length} steps) | ${median.toFixed(1)} ms | |`,
    `| ms per explained step, 95th percentile | ${p95.toFixed(1)} ms | < 50 ms |`,
    '',
    `Reports for one user with ${EVENTS} purchases (every step explained: ${data.steps.length} steps; building them took ${dataSeconds.toFixed(2)} s):`,
    '',
    '| format | size | time to write (after the explanations) |',
    '|---|---|---|',
    `| JSON | ${mb(json.length)} | ${jsonSeconds.toFixed(2)} s |`,
    `| HTML (self-contained, inline SVG) | ${mb(html.length)} | ${htmlSeconds.toFixed(2)} s |`,
    `| CSV | ${mb(csv.length)} | ${csvSeconds.toFixed(2)} s |`,
    `| PDF (Chromium, every step printed) | ${mb(pdf.pdf.length)} | ${pdfSeconds.toFixed(2)} s |`,
    '',
  ].join('\n');
}
