// The kept user timelines (store/user-timelines.ts): built from the events on first use, read
// back the same, rebuilt when the kept row does not fit, deleted with the dataset; and a store
// that cannot write them still answers.
import { describe, expect, it } from 'vitest';
import { userTimelines } from '../src-main/core/dataset/split';
import { deleteDataset, loadInteractions } from '../src-main/store/datasets';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, openDb } from '../src-main/store/db';
import { loadUserTimelines } from '../src-main/store/user-timelines';
import { importDemo } from './demo-model';
import { tmpDb } from './helpers';

describe('kept user timelines', () => {
  it('are built on first use, read back equal, rebuilt when damaged, and go with their dataset', async () => {
    const { db, path } = tmpDb();
    const datasetId = await importDemo(db);
    const count = () => db.prepare('SELECT count(*) FROM user_timelines').pluck().get();
    expect(count()).toBe(0);
    const want = userTimelines(loadInteractions(db, datasetId));
    expect(loadUserTimelines(db, datasetId)).toEqual(want);
    expect(count()).toBe(1);
    // Read back from the store (another connection, nothing in memory): the same numbers.
    const other = openDb(path);
    expect(loadUserTimelines(other, datasetId)).toEqual(want);
    other.close();

    db.prepare('UPDATE user_timelines SET blob = ? WHERE dataset_id = ?').run(Buffer.from([1, 2, 3]), datasetId);
    expect(loadUserTimelines(db, datasetId)).toEqual(want);
    expect((db.prepare('SELECT length(blob) FROM user_timelines').pluck().get() as number) > 3).toBe(true);

    deleteDataset(db, datasetId);
    expect(count()).toBe(0);
  });

  it('a store that cannot keep them still gives them, at once: read-only, or another writer holding it', async () => {
    const { db, path } = tmpDb();
    const datasetId = await importDemo(db);
    const want = userTimelines(loadInteractions(db, datasetId));
    const readOnly = new Database(path, { readonly: true });
    expect(loadUserTimelines(readOnly, datasetId)).toEqual(want);
    readOnly.close();
    // A writer holds the store (as an import's transaction does): no wait of BUSY_TIMEOUT_MS.
    const writer = openDb(path);
    writer.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    expect(loadUserTimelines(db, datasetId)).toEqual(want);
    expect(performance.now() - started).toBeLessThan(BUSY_TIMEOUT_MS / 4);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    writer.exec('ROLLBACK');
    writer.close();
    expect(db.prepare('SELECT count(*) FROM user_timelines').pluck().get()).toBe(0);
  });
});
