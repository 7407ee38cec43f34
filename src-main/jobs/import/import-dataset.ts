import { resolve } from 'node:path';
import type { Db } from '../../store/db';
import { runWorker } from '../work/run-worker';
import { workerEntry } from '../worker-entry';
import { importInThread, type ImportOptions, type ImportProgress, type ImportResult } from './import-in-thread';
import type { ImportWork } from './import-worker';

export type { ImportOptions, ImportProgress, ImportResult } from './import-in-thread';

/**
 * Imports a log (import-in-thread.ts) in a worker thread with its own connection to the same
 * store file, so that the caller's thread (Electron's main process, the web host's server)
 * stays free during a long read and its one big write transaction. Progress and errors arrive
 * as in the caller's thread (same classes, file and line); the signal cancels, and a cancel
 * leaves the store as it was. A store in memory cannot be opened twice, so it imports here.
 */
export async function importDataset(db: Db, opts: ImportOptions): Promise<ImportResult> {
  if (db.memory) return importInThread(db, opts);
  const started = performance.now();
  const { signal, onProgress, ...options } = opts;
  const work: ImportWork = {
    dbFile: resolve(db.name),
    // Per connection, like every pragma: the worker's writes keep the caller's page limit.
    maxPageCount: db.pragma('max_page_count', { simple: true }) as number,
    options,
  };
  const result = await runWorker<ImportResult, ImportProgress>(workerEntry(import.meta.url, 'import-worker'), work, { what: 'import', signal, onProgress });
  // The caller's own wait, worker start included.
  return { ...result, seconds: (performance.now() - started) / 1000 };
}
