// Milliseconds from pressing → to the next step being drawn, in Chromium against the web host,
// on a 25,000-item model. The key event is dispatched inside the page and the clock stops at the
// first animation frame after the step view says it is ready, so the figure is what a user sees
// (request, explanation, React render, paint), without Playwright's own round trips.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSequentialLog, interactionsToCsv } from '../src-main/core/dataset/synthetic-log';
import { ensureRendererBuilt } from '../src-main/hosts/web/renderer-build';
import { startWebHost } from '../src-main/hosts/web/server';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { trainJob } from '../src-main/jobs/train/train-job';
import { launchChromium } from '../src-main/report/chromium';
import { openDb } from '../src-main/store/db';

const ITEMS = 25_000;
const PRESSES = 60;

export async function benchUiStep(tmp: string): Promise<string> {
  mkdirSync(tmp, { recursive: true });
  const csv = join(tmp, 'ui-25k.csv');
  writeFileSync(csv, interactionsToCsv(generateSequentialLog({ users: 3000, items: ITEMS, events: 150_000, seed: 3 })));
  const dbPath = join(tmp, 'ui-bench.db');
  rmSync(dbPath, { force: true });
  const db = openDb(dbPath);
  const { datasetId } = await importDataset(db, { file: csv });
  await trainJob(db, { datasetId, config: { epochs: 2, patience: 1 } });
  const staticDir = await ensureRendererBuilt();
  const host = await startWebHost({ db, dbPath, staticDir });
  const browser = await launchChromium();
  const runs: Record<string, number[]> = {};
  let items = 0;
  try {
   for (const mode of ['prefetch', 'off'] as const) {
    const ms: number[] = (runs[mode] = []);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('crash', () => console.error('page crashed'));
    page.on('console', (m) => process.env.RUM_BENCH_VERBOSE && console.error(`console: ${m.text()}`));
    await page.goto(mode === 'off' ? `${host.url}&prefetch=off` : host.url);
    await page.getByTestId('app-ready').waitFor();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    // The user with the longest timeline, so that every press has a next step.
    const longest = db
      .prepare('SELECT u.ext_id FROM events e JOIN users u ON u.dataset_id = e.dataset_id AND u.idx = e.user_idx WHERE e.dataset_id = ? GROUP BY e.user_idx ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get(datasetId) as string;
    await page.getByLabel('Search users').fill(longest);
    await page.getByRole('option', { name: new RegExp(longest) }).first().click();
    await page.locator(`[data-testid="step-view"][data-user="${longest}"][data-ready="true"]`).waitFor();
    const view = page.getByTestId('step-view');
    await page.locator('[data-testid="step-view"][data-ready="true"]').waitFor();
    await page.getByRole('button', { name: 'First step' }).click();
    await page.locator('[data-testid="step-view"][data-step="0"][data-ready="true"]').waitFor();
    items = Number(await page.evaluate(() => document.querySelectorAll('[data-testid="recommendation"]').length));
    for (let k = 0; k < PRESSES; k++) {
      // A string, not a function: tsx's name-keeping helper does not exist inside the page.
      const elapsed = (await page.evaluate(`new Promise((done) => {
        const start = performance.now();
        const ready = () => {
          const v = document.querySelector('[data-testid="step-view"]');
          return v && v.getAttribute('data-step') === '${k + 1}' && v.getAttribute('data-ready') === 'true';
        };
        const obs = new MutationObserver(() => {
          if (!ready()) return;
          obs.disconnect();
          requestAnimationFrame(() => done(performance.now() - start));
        });
        obs.observe(document.body, { subtree: true, attributes: true, childList: true });
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      })`)) as number;
      ms.push(elapsed);
      if (process.env.RUM_BENCH_VERBOSE) console.error(`press ${k + 1}: ${elapsed.toFixed(1)} ms`);
      await view.getAttribute('data-step');
    }
    await page.close();
   }
  } finally {
    await browser.close();
    await host.close();
    db.close();
    rmSync(dbPath, { force: true });
  }
  const at = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };
  const on = runs.prefetch;
  const off = runs.off;
  console.error(`ui step: median ${at(on, 50).toFixed(0)} ms, p95 ${at(on, 95).toFixed(0)} ms (without prefetch ${at(off, 50).toFixed(0)} / ${at(off, 95).toFixed(0)} ms)`);
  return [
    '## Stepping in the app (issue 6)',
    '',
    `Right arrow to the next step drawn, in headless Chromium against \`rum-workbench serve\`, on a model with ${ITEMS.toLocaleString('en')} items`,
    `(D 32, K 20; generated log of 3,000 users and 150,000 events), ${PRESSES} presses from step 0 on the longest timeline, ${items} recommendations per step.`,
    'The clock starts at the key event inside the page and stops at the first frame after the step view is ready. Once a step is',
    'drawn the app asks for its neighbours, so a press usually only draws; the second row turns that off (`?prefetch=off`).',
    '',
    '| figure | as shipped (neighbours prefetched) | without prefetch | aim |',
    '|---|---|---|---|',
    `| median | ${at(on, 50).toFixed(0)} ms | ${at(off, 50).toFixed(0)} ms | |`,
    `| 95th percentile | ${at(on, 95).toFixed(0)} ms | ${at(off, 95).toFixed(0)} ms | < 100 ms |`,
    '',
  ].join('\n');
}
