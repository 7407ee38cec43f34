// The default report of a long user: pages and seconds (issue 11's aim: a 737-purchase user's
// PDF in at most 40 pages, built in seconds; it was 1,463 pages in 113 s with every step).
// A MovieLens-sized model (1,682 items, D 32, K 5) with random weights: the work per step does
// not depend on their values, and the page count depends only on which steps are detailed.
import { DIM, ITEMS, K, longUserModel, PURCHASES } from '../test/long-user-model';
import { loadavg } from 'node:os';
import { pdfPageCount } from '../src-main/report/pdf-pages';
import { printWithChromium, reportBytes } from '../src-main/report/write-report';

const timed = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const v = await f();
  return [v, (performance.now() - start) / 1000];
};

export async function benchReport(): Promise<string> {
  const rows: string[] = [];
  const runs: [string | undefined, number][] = [[undefined, K], ['misses', K], ['100-119', K], ['100-111', 20]];
  for (const [steps, slots] of runs) {
    const model = longUserModel(PURCHASES, ITEMS, slots);
    const [html, htmlSeconds] = await timed(() => reportBytes(model, 'long-user', 'html', { steps, datasetName: 'bench' }));
    const [pdf, pdfSeconds] = await timed(() => reportBytes(model, 'long-user', 'pdf', { steps, datasetName: 'bench' }, printWithChromium));
    const detailed = (html.toString().match(/<details/g) ?? []).length;
    const line = `| ${steps ?? 'default'} | ${slots} | ${detailed} | ${(html.length / 1e6).toFixed(2)} MB, ${htmlSeconds.toFixed(1)} s | ${pdfPageCount(pdf)} | ${(pdf.length / 1e6).toFixed(2)} MB | ${pdfSeconds.toFixed(1)} s |`;
    console.error(line);
    rows.push(line);
    // Printing every step of this user is the old default; its size is known (1,463 pages), so
    // 'misses' (most of a random model's steps) stands in for a long print here.
  }
  return `## Reports of a long user

One user with ${PURCHASES} purchases (the longest MovieLens-100K user), a model of ${ITEMS} items,
D ${DIM}, random weights; K ${K}, and K 20 for as many steps as the default details at most (12).
Load average while measured: ${loadavg()[0].toFixed(1)} (the machine's other work slows these). PDF printed by the system's Chromium; seconds include building
(explaining the detailed steps, ranking every step for the summary) and printing.
Before issue 11 the report printed every step: 1,463 pages in 113 s.

| --steps | K | steps detailed | HTML | PDF pages | PDF size | PDF seconds |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
