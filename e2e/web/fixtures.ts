import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DEMO = join(ROOT, 'resources', 'demo');
const BIN = join(ROOT, 'bin', 'rum-workbench.mjs');

/** What an Amazon-shaped log holds, counted from the rows as they were written. */
export interface AmazonShaped {
  events: string;
  titles: string;
  users: number;
  items: number;
  rows: number;
  usersWithTenOrMore: number;
}

/**
 * Writes a log in the Amazon 5-core CSV's shape (item column first, spaces after the header's
 * commas, ratings as 5.0) and its metadata's `Product ID,Description,...` titles with HTML
 * entities, so the import is tested on that shape without the data set, which users of the
 * repository do not have. Over 1,000 users, so the UI's thousands separators show.
 */
export function writeAmazonShaped(dir: string): AmazonShaped {
  const lines = ['asin, reviewerID, overall, unixReviewTime'];
  const perUser = new Map<string, number>();
  const items = new Set<string>();
  for (let u = 0; u < 1100; u++) {
    const user = `A${(u * 2654435761) % 4294967296}`.toUpperCase();
    const n = 2 + ((u * 7919) % 13); // 2..14 events, so some users reach 10 and some do not
    for (let k = 0; k < n; k++) {
      const item = `B${String((u * 31 + k * 17) % 307).padStart(9, '0')}`;
      lines.push(`${item},${user},${1 + ((u + k) % 5)}.0,${1_360_000_000 + k * 86_400 + u}`);
      items.add(item);
    }
    perUser.set(user, n);
  }
  const events = join(dir, 'Musical_Instruments_5.csv');
  writeFileSync(events, `${lines.join('\n')}\n`);
  const titles = join(dir, 'Music_Instruments_meta_5.csv');
  const meta = [...items].map((item, i) => `${item},"Cable ${i} - 1/4&quot; plug, &amp; strap",9.99,Cables`);
  writeFileSync(titles, `Product ID,Description,price,Category\n${meta.join('\n')}\n`);
  return {
    events,
    titles,
    users: perUser.size,
    items: items.size,
    rows: lines.length - 1,
    usersWithTenOrMore: [...perUser.values()].filter((n) => n >= 10).length,
  };
}

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
