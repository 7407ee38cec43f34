// The desktop app under Electron: the security settings hold in the running app, not only in
// the source. Runs only where an Electron binary exists (playwright.electron.config.ts).
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DesktopApi } from '../../src-main/hosts/electron/desktop-api';
import { checkWebPreferences } from '../../src-main/hosts/electron/security';
import { electronBinary } from './electron-available';

const ROOT = resolve(import.meta.dirname, '..', '..');
type AppWindow = Window & { rumApi: DesktopApi; require?: unknown; process?: unknown };

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  // Each run its own store, so runs neither see nor spoil each other's data (habit 6).
  dataDir = mkdtempSync(join(tmpdir(), 'rum-electron-e2e-'));
  app = await electron.launch({
    executablePath: electronBinary(),
    args: [ROOT],
    env: { ...process.env, RUM_WORKBENCH_DB: join(dataDir, 'workbench.db') },
  });
  page = await app.firstWindow();
  // A fresh store imports the demo and trains a model before the window opens.
  await page.locator('[data-testid="app-ready"]').waitFor({ timeout: 90_000 });
});

test.afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('every window is context-isolated, sandboxed and without Node', async () => {
  const all = await app.evaluate(({ BrowserWindow }) =>
    // getLastWebPreferences() is what the renderer really got; it is missing from Electron's typings.
    BrowserWindow.getAllWindows().map((w) => (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences()),
  );
  expect(all.length).toBeGreaterThan(0);
  for (const prefs of all) {
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(checkWebPreferences(prefs)).toEqual([]);
  }
});

test('the page sees no Node and exactly the contract', async () => {
  const seen = await page.evaluate(() => {
    const w = window as unknown as AppWindow;
    return { require: typeof w.require, process: typeof w.process, rumApi: Object.keys(w.rumApi).sort() };
  });
  expect(seen).toEqual({ require: 'undefined', process: 'undefined', rumApi: ['call', 'onEvent', 'onMenu', 'pathForFile'] });
});

test('the page comes from the app scheme with its CSP, never from file://', async () => {
  expect(page.url()).toMatch(/^rum:\/\/app\/index\.html/);
  const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
  expect(meta).toContain("script-src 'self'");
  // The scheme serves nothing outside the built renderer.
  const status = await page.evaluate(() => fetch('rum://app/../../package.json').then((r) => r.status, () => 'failed'));
  expect([404, 'failed']).toContain(status);
});

test('a path the page names is refused; a dropped-file report from the page is impossible', async () => {
  const log = join(dataDir, 'named.csv');
  writeFileSync(log, 'user,item,rating,timestamp\nu1,i1,5,1500000000\n');
  const refused = await page.evaluate(
    (path) => (window as unknown as AppWindow).rumApi.call('importDataset', { source: { kind: 'path', path } }).then(
      () => 'accepted',
      (e: { message?: string }) => e.message,
    ),
    log,
  );
  expect(refused).toMatch(/not chosen in the Open dialog or dropped/);
  // A File the page builds has no path, so the preload reports nothing and main grants nothing.
  const forged = await page.evaluate((path) => (window as unknown as AppWindow).rumApi.pathForFile(new File(['x'], path)), log);
  expect(forged).toBe('');
});

test('a PDF report is printed by Electron itself, to the path chosen in the save dialog', async () => {
  const out = join(dataDir, 'report.pdf');
  // The native dialog cannot be clicked by a test: main's dialog answers with our path instead.
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as never;
  }, out);
  const end = await page.evaluate(async () => {
    const api = (window as unknown as AppWindow).rumApi;
    const [model] = (await api.call('listModels', {})) as Array<{ modelId: number }>;
    const { users } = (await api.call('listUsers', { modelId: model.modelId, limit: 1 })) as { users: Array<{ user: string }> };
    let jobId = '';
    const ended = new Promise<{ type: string }>((resolve) => {
      const stop = api.onEvent((e) => {
        if (e.jobId === jobId && e.type !== 'progress') {
          stop();
          resolve(e);
        }
      });
    });
    ({ jobId } = (await api.call('exportReport', { modelId: model.modelId, user: users[0].user, format: 'pdf' })) as { jobId: string });
    return ended;
  });
  expect(end).toMatchObject({ type: 'done' });
  expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  // Printing opened a hidden window and closed it again: only the app window is left.
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('calls reach the services, and bad input is refused by main', async () => {
  const info = await page.evaluate(() => (window as unknown as AppWindow).rumApi.call('appInfo', {}));
  expect(info).toMatchObject({ name: 'RUM workbench', host: 'electron' });
  const refused = await page.evaluate(() =>
    (window as unknown as AppWindow).rumApi.call('datasetSummary', { datasetId: -1 }).then(
      () => 'accepted',
      (e: { kind?: string }) => e.kind,
    ),
  );
  expect(refused).toBe('input');
});

test('inline script is blocked by the content security policy', async () => {
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('window.open is denied', async () => {
  const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
  const handle = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(handle).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(before);
});

test('navigation away from the app is blocked', async () => {
  const appUrl = page.url();
  for (const target of ['https://example.com/', 'file:///etc/hosts']) {
    // Proving that something did not happen needs a bound: a refused navigation fires no event.
    const navigated = page.waitForEvent('framenavigated', { timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    await page.evaluate((url) => {
      window.location.href = url;
    }, target);
    expect(await navigated, `navigated to ${target}`).toBe(false);
    expect(page.url()).toBe(appUrl);
  }
  await expect(page.locator('[data-testid="app-ready"]')).toBeVisible();
});
