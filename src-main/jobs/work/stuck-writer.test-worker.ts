// A worker for run-worker.test.ts only: it writes inside a transaction and then never returns
// to its event loop, as an import does during its save, so only stopping the thread ends it.
import { openDb } from '../../store/db';
import { serveWork } from './serve-work';

serveWork<{ dbFile: string }, string, never>('save', ({ dbFile }, ctx) => {
  const db = openDb(dbFile);
  db.transaction(() => {
    db.prepare('INSERT INTO scratch (x) VALUES (1)').run();
    ctx.progress('written, not committed');
    for (;;) db.prepare('SELECT 1').get();
  })();
  throw new Error('unreachable');
});
