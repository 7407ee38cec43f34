import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDb } from '../src-main/store/db';
import { REPO, tmpDir } from './helpers';

// Longer than better-sqlite3's default busy timeout of 5 s, which used to fail the second writer.
const HOLD_MS = 6_000;

const insert = (name: string) =>
  `INSERT INTO datasets (name, source_name, source_size, source_hash, format, users, items, events, skipped_json, created_at)
   VALUES ('${name}', 'x', 1, '${name}', 'csv', 0, 0, 0, '{}', 'now')`;

/** Another process takes the write lock, says so on stdout, holds it HOLD_MS, then commits. */
function holdWriteLock(file: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.exec(${JSON.stringify(insert('held'))});
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${HOLD_MS});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { locked, exited };
}

describe('long writes and busy readers', () => {
  it(`a second writer waits out a ${HOLD_MS / 1000} s write lock and succeeds; a reader is never blocked`, async () => {
    expect(BUSY_TIMEOUT_MS).toBeGreaterThan(HOLD_MS);
    const file = join(tmpDir(), 'busy.db');
    const db = openDb(file);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    db.exec(insert('before'));

    const holder = holdWriteLock(file);
    await holder.locked;
    const lockedAt = Date.now();

    // WAL: the reader sees the last commit at once, without the holder's uncommitted row.
    let t = performance.now();
    const seen = db.prepare('SELECT name FROM datasets ORDER BY id').pluck().all();
    const readMs = performance.now() - t;
    expect(seen).toEqual(['before']);
    expect(readMs).toBeLessThan(500);

    // Synchronous: this blocks until the holder commits (our event loop is not needed for that).
    t = performance.now();
    db.exec(insert('after'));
    const waitedMs = performance.now() - t;
    expect(Date.now() - lockedAt).toBeGreaterThanOrEqual(HOLD_MS - 100);
    expect(waitedMs).toBeGreaterThan(5_000);
    expect(await holder.exited).toBe(0);
    expect(db.prepare('SELECT name FROM datasets ORDER BY id').pluck().all()).toEqual(['before', 'held', 'after']);
    db.close();
  }, 30_000);
});
