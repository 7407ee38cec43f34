import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, tmpDb } from '../../../test/helpers';
import { runWorker } from './run-worker';

describe('runWorker: cancelling a worker that is inside a synchronous write', () => {
  it('stops it, and its uncommitted rows are gone and its lock released once the promise settles', async () => {
    const { db, path } = tmpDb();
    db.exec('CREATE TABLE scratch (x INTEGER)');
    const before = snapshot(db);
    const ac = new AbortController();
    const progress: string[] = [];
    const outcome = await runWorker<never, string>(join(import.meta.dirname, 'stuck-writer.test-worker-boot.mjs'), { dbFile: path }, {
      what: 'save',
      signal: ac.signal,
      // The worker now holds the write lock inside its transaction, and reads no message.
      onProgress: (p) => {
        progress.push(p);
        ac.abort();
      },
    }).then(
      () => 'resolved',
      (e: Error) => e,
    );
    expect(progress).toEqual(['written, not committed']);
    expect(outcome).toMatchObject({ name: 'AbortError', message: 'save cancelled' });
    expect(snapshot(db)).toBe(before);
    // With no wait allowed, a write fails (SQLITE_BUSY) if the stopped thread still held the lock.
    db.pragma('busy_timeout = 0');
    db.prepare('INSERT INTO scratch (x) VALUES (2)').run();
    expect(db.prepare('SELECT x FROM scratch').pluck().all()).toEqual([2]);
  });

  it('a cancel the worker notices itself ends as one named by `what`, as one it did not reach in time does', async () => {
    const ac = new AbortController();
    const outcome = await runWorker<never, string>(join(import.meta.dirname, 'own-abort.test-worker-boot.mjs'), {}, {
      what: 'save',
      signal: ac.signal,
      onProgress: () => ac.abort(),
    }).catch((e: Error) => e);
    // The worker answers well within the 500 ms after which it would be stopped: its own error won.
    expect(outcome).toMatchObject({ name: 'AbortError', message: 'save cancelled' });
  });

  it('an abort before the start starts no thread', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runWorker('/nonexistent-worker.mjs', {}, { what: 'save', signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
