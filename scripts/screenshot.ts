// Regenerates docs/timeline.png, the README's picture of the timeline view: the demo dataset,
// a RUM model, the first user, in headless Chromium against the web host.
// Run: node --import tsx scripts/screenshot.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDemo } from '../src-main/jobs/demo';
import { ensureRendererBuilt } from '../src-main/hosts/web/renderer-build';
import { startWebHost } from '../src-main/hosts/web/server';
import { launchChromium } from '../src-main/report/chromium';
import { openDb } from '../src-main/store/db';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'rum-shot-'));
const dbPath = join(dir, 'store.db');
await ensureDemo(dbPath);
const db = openDb(dbPath);
const host = await startWebHost({ db, dbPath, staticDir: await ensureRendererBuilt() });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 }, deviceScaleFactor: 1 });
  await page.goto(host.url);
  await page.getByTestId('app-ready').waitFor();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.locator('[data-testid="step-view"][data-ready="true"]').waitFor();
  await page.screenshot({ path: join(ROOT, 'docs', 'timeline.png'), fullPage: true });
} finally {
  await browser.close();
  await host.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
