// The import worker (import-dataset.ts starts it): imports on its own connection to the store.
import { openDb } from '../../store/db';
import { serveWork } from '../work/serve-work';
import { importInThread, type ImportOptions, type ImportProgress, type ImportResult } from './import-in-thread';

export interface ImportWork {
  dbFile: string;
  maxPageCount: number;
  options: Omit<ImportOptions, 'signal' | 'onProgress'>;
}

serveWork<ImportWork, ImportProgress, ImportResult>('import', async ({ dbFile, maxPageCount, options }, ctx) => {
  const db = openDb(dbFile);
  try {
    db.pragma(`max_page_count = ${maxPageCount}`);
    return await importInThread(db, { ...options, signal: ctx.signal, onProgress: ctx.progress }, ctx.commit);
  } finally {
    db.close();
  }
});
