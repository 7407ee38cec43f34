import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { openDb, type Db } from '../src-main/store/db';

export const REPO = resolve(import.meta.dirname, '..');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder on disk, removed after the test. */
export function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rum-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file (text or bytes) into a fresh folder and returns its path. */
export function fileWith(name: string, content: string | Uint8Array, dir = tmpDir()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A real SQLite file in a fresh folder, closed after the test. */
export function tmpDb(): { db: Db; path: string } {
  const path = join(tmpDir(), 'store.db');
  const db = openDb(path);
  cleanups.push(() => db.open && db.close());
  return { db, path };
}

/**
 * Every row of every table, to prove a failed operation changed nothing. Not user_timelines:
 * derived from the events and written by the first read that needs it (store/user-timelines.ts),
 * whether the operation after it succeeds or not.
 */
export function snapshot(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'user_timelines' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}
