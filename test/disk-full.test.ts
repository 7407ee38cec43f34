import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, type Io } from '../src-main/hosts/cli/output';
import { importDataset } from '../src-main/jobs/import/import-dataset';
import { openDb } from '../src-main/store/db';
import { cli } from './cli';
import { fileWith, snapshot, tmpDir } from './helpers';

/** A log big enough to need far more store pages than a nearly full disk has left (< 4 MB: no progress lines). */
function bigLog(): string {
  const rows = ['user,item,rating,time'];
  for (let e = 0; e < 60_000; e++) rows.push(`user${e % 3000},item${(e * 7919) % 5000},${1 + (e % 5)},${1_500_000_000 + e}`);
  return fileWith('big.csv', `${rows.join('\n')}\n`);
}

/** What a full disk must leave: the one dataset imported before it, an intact file. */
function expectStoreAsItWas(path: string, before: string): void {
  const db = new Database(path);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot(db)).toBe(before);
    expect(db.prepare('SELECT count(*) FROM datasets').pluck().get()).toBe(1);
  } finally {
    db.close();
  }
}

/** A store holding one small dataset; returns its snapshot. */
async function storeWithOneDataset(path: string): Promise<string> {
  const db = openDb(path);
  try {
    await importDataset(db, { file: fileWith('small.csv', 'user,item,time\nu1,i1,1500000000\nu1,i2,1500000100\n') });
    return snapshot(db);
  } finally {
    db.close();
  }
}

/** Mounts a 2 MiB tmpfs, or says why it cannot (not root, or a container that forbids mounts). */
function smallTmpfs(): { dir: string; unmount: () => void } | { refused: string } {
  if (process.getuid?.() !== 0) return { refused: 'not running as root' };
  const dir = tmpDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    return { refused: `mount refused: ${String((e as { stderr?: Buffer }).stderr ?? e).trim()}` };
  }
  return { dir, unmount: () => execFileSync('umount', [dir]) };
}

/** The store full through SQLite's own page limit: the real importer, a real file, a real SQLITE_FULL. */
async function fullByPageLimit(): Promise<void> {
  const path = join(tmpDir(), 'wb.db');
  const before = await storeWithOneDataset(path);
  const db = openDb(path);
  let err: unknown;
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 8}`);
    err = await importDataset(db, { file: bigLog() }).then(
      () => undefined,
      (e: unknown) => e,
    );
  } finally {
    db.close();
  }
  expect(err).toMatchObject({ code: 'SQLITE_FULL' });
  let stderr = '';
  const io: Io = { json: true, out: () => expect.fail('nothing on stdout'), err: (s) => (stderr += s), isTTY: false };
  expect(exitCodeFor(err, io, path)).toBe(1);
  expect(stderr).toBe(`error: cannot write the store ${path}: the disk is full (SQLITE_FULL)\n`);
  expectStoreAsItWas(path, before);
}

describe('a full disk during an import', () => {
  it('through the CLI on a 2 MiB tmpfs (where mounting is allowed; else the page-limit variant): one line naming the store and the cause, exit 1, the store as it was', async () => {
    const fs = smallTmpfs();
    if ('refused' in fs) {
      console.warn(`disk-full test: tmpfs unavailable (${fs.refused}); using SQLite's max_page_count instead`);
      return fullByPageLimit();
    }
    try {
      const path = join(fs.dir, 'wb.db');
      const before = await storeWithOneDataset(path);
      // Leave ~256 KiB free: enough to open the store, far too little for 60,000 events.
      const { bavail, bsize } = statfsSync(fs.dir);
      writeFileSync(join(fs.dir, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - (256 << 10))));
      const r = cli(['import', bigLog(), '--db', path, '--json']);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`error: cannot write the store ${path}: the disk is full (SQLITE_FULL)\n`);
      expect(r.code).toBe(1);
      rmSync(join(fs.dir, 'filler'));
      expectStoreAsItWas(path, before);
      // The CLI still opens and reads it.
      expect(cli(['datasets', '--db', path, '--json']).json().datasets).toHaveLength(1);
    } finally {
      fs.unmount();
    }
  });

  it("through SQLite's max_page_count (runs everywhere): SQLITE_FULL maps to one line naming the store, exit 1, the store as it was", () =>
    fullByPageLimit());
});
