// importDataset off the caller's thread: a worker on its own connection, with the caller's
// event loop free meanwhile, progress relayed, cancel at any phase leaving the store as it
// was, and errors arriving as the classes and lines the hosts classify.
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId, type Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileWith, snapshot, tmpDb } from '../../../test/helpers';
import { ImportError } from '../../core/dataset/errors';
import { InputError } from '../../core/errors';
import type { Db } from '../../store/db';
import { importDataset, type ImportProgress } from './import-dataset';
import { importInThread } from './import-in-thread';

// 150,000 rows (about 4.5 MB, five 1 MiB chunks to read): a save long enough that a cancel sent
// when it starts arrives inside it.
const ROWS = 150_000;
let bigDir: string;
let bigLog: string;
// Written once for the file (tmpDir() folders go after each test).
beforeAll(() => {
  bigDir = mkdtempSync(join(tmpdir(), 'rum-test-big-'));
  const rows = ['user,item,time'];
  for (let e = 0; e < ROWS; e++) rows.push(`user${e % 10_000},item${(e * 7919) % 9_000},${1_500_000_000 + e}`);
  bigLog = fileWith('big.csv', `${rows.join('\n')}\n`, bigDir);
});
afterAll(() => rmSync(bigDir, { recursive: true, force: true }));

/** Workers started while a test runs (Node announces each on this channel). */
const started: Worker[] = [];
const onWorker = (m: unknown) => started.push((m as { worker: Worker }).worker);
subscribe('worker_threads', onWorker);
afterEach(() => {
  started.length = 0;
});

async function storeWithOneDataset(): Promise<Db> {
  const { db } = tmpDb();
  await importDataset(db, { file: fileWith('seed.csv', 'user,item,time\nu0,i0,1500000000\nu1,i0,1500000060\n') });
  started.length = 0;
  return db;
}

/**
 * Runs an import, counting the caller's timer callbacks that run from the moment the save
 * starts (the 'saving' progress) until the result: on the caller's thread the save is one
 * synchronous transaction, and none can run.
 */
async function timersDuringSave(run: (onProgress: (p: ImportProgress) => void) => Promise<unknown>): Promise<number> {
  let saving = false;
  let ticks = 0;
  const timer = setInterval(() => {
    if (saving) ticks++;
  }, 1);
  try {
    await run((p) => {
      if (p.phase === 'saving') saving = true;
    });
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

describe('importDataset runs in a worker thread', () => {
  it("imports on another thread while the caller's event loop keeps running, relaying progress", async () => {
    const { db } = tmpDb();
    const phases: string[] = [];
    let result: Awaited<ReturnType<typeof importDataset>> | undefined;
    const ticks = await timersDuringSave(async (onSaving) => {
      result = await importDataset(db, {
        file: bigLog,
        onProgress: (p) => {
          if (phases.at(-1) !== p.phase) phases.push(p.phase);
          onSaving(p);
        },
      });
    });
    expect(phases).toEqual(['checking', 'reading', 'saving']);
    expect(result).toMatchObject({ events: ROWS, users: 10_000, items: 9_000, alreadyImported: false });
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(ROWS);
    expect(started).toHaveLength(1);
    expect(started[0].threadId).not.toBe(threadId);
    expect(ticks).toBeGreaterThan(0);

    // The same measure on the caller's thread: no timer runs during the save, so the one above tells.
    const other = tmpDb().db;
    expect(await timersDuringSave((onProgress) => importInThread(other, { file: bigLog, onProgress }))).toBe(0);
  });

  it('a cancel while reading leaves the store as it was, and free to write at once', async () => {
    const db = await storeWithOneDataset();
    const before = snapshot(db);
    const ac = new AbortController();
    const err = await importDataset(db, {
      file: bigLog,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && p.bytes > 0) ac.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError', message: 'import cancelled' });
    expect(snapshot(db)).toBe(before);
    db.pragma('busy_timeout = 0');
    db.prepare("UPDATE datasets SET name = 'still writable'").run();
  });

  it('a cancel during the save rolls it back: the store as it was, and free to write at once', async () => {
    const db = await storeWithOneDataset();
    const before = snapshot(db);
    const ac = new AbortController();
    const err = await importDataset(db, {
      file: bigLog,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'saving') ac.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(snapshot(db)).toBe(before);
    db.pragma('busy_timeout = 0');
    db.prepare("UPDATE datasets SET name = 'still writable'").run();
  });

  it('a bad line arrives as an ImportError with its file and line; the store as it was', async () => {
    const db = await storeWithOneDataset();
    const before = snapshot(db);
    const file = fileWith('bad.csv', 'user,item,time\nu1,i1,1500000000\nu1,i2,yesterday\n');
    const err = await importDataset(db, { file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ file, line: 3, message: expect.stringMatching(/^.*bad\.csv, line 3: .*timestamp/) });
    expect(started).toHaveLength(1);
    expect(snapshot(db)).toBe(before);
  });

  it('a bad --columns arrives as an InputError (a 400 on the web, exit 2 on the CLI)', async () => {
    const { db } = tmpDb();
    const err = await importDataset(db, { file: fileWith('c.csv', 'u1,i1,1\n'), columns: 'user,item,when' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^--columns "user,item,when"/);
  });

  it('a store in memory, which no second connection can open, imports on the calling thread', async () => {
    const { openDb } = await import('../../store/db');
    const db = openDb(':memory:');
    const r = await importDataset(db, { file: fileWith('m.csv', 'user,item,time\nu1,i1,1500000000\n') });
    expect(r.events).toBe(1);
    expect(started).toHaveLength(0);
    db.close();
  });
});
