import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const AMAZON = resolve(ROOT, '../shared/data/amazon-musical-instruments-5core');
export const DEMO = join(ROOT, 'resources', 'demo');
const BIN = join(ROOT, 'bin', 'rum-workbench.mjs');

/** Runs the real CLI against a test's own store and returns its --json output. */
export function cli(db: string, ...args: string[]): Record<string, unknown> {
  const r = spawnSync(process.execPath, [BIN, ...args, '--db', db, '--json'], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`rum-workbench ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export interface Workbench {
  /** The test's own data folder and store. */
  dir: string;
  db: string;
  /** Starts `rum-workbench serve` on this store and opens the app; waits for the ready marker. */
  open(page: Page): Promise<string>;
}

/** Each test gets a fresh data folder and its own server (Actual's and Bruno's fixtures' habit). */
export const test = base.extend<{ workbench: Workbench }>({
  // eslint-disable-next-line no-empty-pattern
  workbench: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'rum-e2e-'));
    const db = join(dir, 'store.db');
    let server: ChildProcess | undefined;
    await use({
      dir,
      db,
      open: async (page) => {
        server = spawn(process.execPath, [BIN, 'serve', '--db', db, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
        const url = await new Promise<string>((ok, fail) => {
          let out = '';
          server!.stdout!.on('data', (c) => {
            out += c;
            const line = out.split('\n').find((l) => l.startsWith('{'));
            if (line) ok((JSON.parse(line) as { url: string }).url);
          });
          server!.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
        });
        // The server swaps the printed ?token= for an HttpOnly cookie and redirects to /: the
        // app then works with the cookie alone, and the secret has left the address bar.
        await page.goto(url);
        await expect(page.getByTestId('app-ready')).toBeVisible();
        expect(page.url()).toBe(new URL('/', url).href);
        const token = new URL(url).searchParams.get('token')!;
        // Nothing a script on the page can read holds it (the cookie is HttpOnly).
        expect(await page.evaluate(() => document.cookie + JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(token);
        return url;
      },
    });
    server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
