#!/usr/bin/env node
// Takes the pictures in docs/screenshots/ (README.md's "What it looks like", docs/screenshots.md)
// from the app as it is now, so they cannot drift from it: the demo imported into a temporary
// store, a small RUM model trained through the Models view, then the timeline with a
// recommendation explained, the attention heatmap and a "why not this item?" answer. Every
// number on them is the model's. Run: npm run screenshots (not part of npm test: it trains).
// Needs Debian's Chromium (RUM_CHROMIUM_PATH to use another); serve builds the renderer when stale.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'rum-workbench.mjs');
const DEMO = join(ROOT, 'resources', 'demo');
const OUT = join(ROOT, 'docs', 'screenshots');
// Small enough to train in well under a minute on two cores; the picture needs a model, not the best one.
const TRAIN = { 'Memory slots K': '10', 'Dimension D': '16', 'Epochs (max)': '12', Seed: '1' };
const WAIT = 120_000;

function cli(db, ...args) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db, '--json'], { encoding: 'utf8', timeout: WAIT });
  if (r.status !== 0) throw new Error(`rum-workbench ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `rum-workbench serve` on the store; resolves with the URL it prints (with its one-time token). */
function serve(db) {
  const server = spawn(process.execPath, [BIN, 'serve', '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) ok(JSON.parse(line).url);
    });
    server.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
  });
  return { server, url };
}

/** A section of the timeline by its heading, e.g. "Why not this item?". */
const section = (page, heading) => page.getByRole('heading', { name: heading }).first().locator('xpath=ancestor::section[1]');

async function shoot(target, name) {
  const path = join(OUT, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled' });
  console.log(`${path}: ${Math.round(statSync(path).size / 1024)} KB`);
}

const dir = mkdtempSync(join(tmpdir(), 'rum-screens-'));
const db = join(dir, 'store.db');
mkdirSync(OUT, { recursive: true });
const demo = cli(db, 'import', join(DEMO, 'purchases.csv'), '--items', join(DEMO, 'items.csv'), '--name', 'Demo store (planted patterns)');
const { server, url } = serve(db);
const browser = await chromium.launch({
  executablePath: process.env.RUM_CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(WAIT);
  await page.goto(await url);
  await page.getByTestId('app-ready').waitFor();

  // Models: train through the form, so the picture shows the curves and the table as a user sees them.
  await page.getByRole('tab', { name: 'Models' }).click();
  for (const [label, value] of Object.entries(TRAIN)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /Trained model #/ }).waitFor();
  await page.getByRole('table', { name: 'Models and their test metrics' }).waitFor();
  await shoot(page, 'models');

  // Timeline: the first user, a few steps in, with the top recommendation's reasons open.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const view = page.locator('[data-testid="step-view"][data-ready="true"]');
  await view.waitFor();
  const recommendation = page.getByTestId('recommendation').first();
  await recommendation.getByRole('button').first().click();
  await page.locator('[data-testid="step-view"][data-ready="true"]').waitFor();
  await shoot(page, 'timeline');

  // The heatmap (Figure 4) on its own.
  const heat = section(page, /Attention over the whole timeline/);
  await heat.scrollIntoViewIfNeeded();
  await heat.locator('[data-testid="heatmap"]').first().waitFor();
  await shoot(heat, 'heatmap');

  // Why not: an item the model ranks low at this step, asked for by its title.
  const user = await page.getByTestId('step-view').getAttribute('data-user');
  const step = await page.getByTestId('step-view').getAttribute('data-step');
  const explained = cli(db, 'explain', '--model', '1', '--user', user, '--step', step, '--top', '40');
  const shown = new Set(explained.recommendations.slice(0, 10).map((r) => r.item));
  const asked = explained.recommendations.find((r, k) => k >= 20 && !shown.has(r.item) && r.title) ?? explained.recommendations.at(-1);
  const whyNot = section(page, /Why not/);
  await whyNot.scrollIntoViewIfNeeded();
  const input = whyNot.getByRole('combobox').or(whyNot.getByRole('textbox')).first();
  await input.fill(asked.title ?? asked.item);
  // The title search offers matches (a combobox); the older field takes an id.
  const option = whyNot.getByRole('option').first();
  const offered = await option.waitFor({ timeout: 5_000 }).then(() => true, () => false);
  if (offered) await option.click();
  else await input.fill(asked.item);
  const explain = whyNot.getByRole('button', { name: /Explain/ });
  if (await explain.isVisible().catch(() => false)) await explain.click();
  // The answer is the candidate's detail, headed with its rank.
  await whyNot.getByText(/Candidate at rank/).first().waitFor();
  await page.waitForLoadState('networkidle');
  await shoot(whyNot, 'why-not');
  console.log(`demo: ${demo.users} users, ${demo.items} items; user ${user}, step ${step}, why not ${asked.item}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
